package dev.events.chaos.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * A small service built on the starter for the chaos suite: it publishes a known plan of events
 * and records the effects of an idempotent handler, so that a verifier can count what a fault
 * lost, duplicated or reordered. The suite runs it as separate JVMs that it kills and restarts.
 */
@SpringBootApplication
@EnableConfigurationProperties(ChaosProperties.class)
public class ChaosApplication {

	/**
	 * Start an instance.
	 * @param args Spring Boot arguments, such as {@code --chaos.instance=a}
	 */
	public static void main(String[] args) {
		SpringApplication.run(ChaosApplication.class, args);
	}

}
