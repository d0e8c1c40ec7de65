package dev.events.sample;

import org.springframework.boot.SpringApplication;

/**
 * Runs the sample with no external services and no Docker: a real Kafka broker and a real
 * PostgreSQL start in-process first. Run it with
 * {@code ./mvnw -pl events-sample-app -am spring-boot:test-run}.
 */
public final class TestSampleApplication {

	private TestSampleApplication() {
	}

	public static void main(String[] args) {
		DevServices.start();
		SpringApplication.from(SampleApplication::main).run(args);
	}

}
