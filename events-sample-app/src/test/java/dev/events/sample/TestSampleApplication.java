package dev.events.sample;

import org.springframework.boot.SpringApplication;

/**
 * Runs the sample with no external services: {@code ./mvnw -pl events-sample-app -am
 * spring-boot:test-run}. By default a real Kafka broker ({@code localhost:9092}) and a real
 * PostgreSQL start in-process first, no Docker needed; with
 * {@code -Dsample.dev-services=testcontainers} (or {@code auto}, where Docker answers) they run
 * as containers instead.
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
			DevServices.start();
			sample.run(args);
		}
	}

}
