package dev.events.sample;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;

/**
 * Runs the sample with no external services: {@code ./mvnw -pl events-sample-app -am
 * spring-boot:test-run}. By default a real Kafka broker ({@code localhost:9092}) and a real
 * PostgreSQL start in-process first, no Docker needed; with
 * {@code -Dsample.dev-services=testcontainers} (or {@code auto}, where Docker answers) they run
 * as containers instead. With the {@code in-memory} profile
 * ({@code -Dspring-boot.run.profiles=in-memory}) events stay in the application and only
 * PostgreSQL starts.
 */
public final class TestSampleApplication {

	private TestSampleApplication() {
	}

	public static void main(String[] args) {
		SpringApplication.Augmented sample = SpringApplication.from(SampleApplication::main);
		if (DevServicesMode.fromSystemProperty() == DevServicesMode.TESTCONTAINERS) {
			sample.with(ContainerServices.class).run(args);
		}
		else {
			DevServices.start(!inMemory(args));
			sample.run(args);
		}
	}

	private static boolean inMemory(String[] args) {
		return Arrays.stream(args)
			.anyMatch((arg) -> arg.startsWith("--spring.profiles.active=") && arg.contains("in-memory"));
	}

}
