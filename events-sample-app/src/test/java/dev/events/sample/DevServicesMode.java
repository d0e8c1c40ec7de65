package dev.events.sample;

import java.util.Locale;
import java.util.function.BooleanSupplier;

import org.testcontainers.DockerClientFactory;

/**
 * Where a dev run gets Kafka and PostgreSQL from, chosen with the {@value #PROPERTY} system
 * property: {@code embedded} (the default, in-process, no Docker), {@code testcontainers}, or
 * {@code auto} (Testcontainers when Docker answers, embedded otherwise).
 */
enum DevServicesMode {

	/**
	 * A real broker and a real PostgreSQL in the same JVM; Kafka on {@code localhost:9092}.
	 */
	EMBEDDED,

	/**
	 * Kafka and PostgreSQL containers, connected through {@code @ServiceConnection}.
	 */
	TESTCONTAINERS;

	static final String PROPERTY = "sample.dev-services";

	static DevServicesMode fromSystemProperty() {
		return choose(System.getProperty(PROPERTY, "embedded"), DevServicesMode::dockerAnswers);
	}

	static DevServicesMode choose(String setting, BooleanSupplier dockerAvailable) {
		return switch (setting.toLowerCase(Locale.ROOT)) {
			case "embedded" -> EMBEDDED;
			case "testcontainers" -> TESTCONTAINERS;
			case "auto" -> dockerAvailable.getAsBoolean() ? TESTCONTAINERS : EMBEDDED;
			default -> throw new IllegalArgumentException(
					"%s must be embedded, testcontainers or auto, not '%s'".formatted(PROPERTY, setting));
		};
	}

	static boolean dockerAnswers() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
