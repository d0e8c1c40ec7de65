package dev.events.health;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.events.autoconfigure.EventsAutoConfiguration;
import dev.events.autoconfigure.EventsHandlerAutoConfiguration;
import dev.events.autoconfigure.health.EventsHealthAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class EventsHealthAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, EventsAutoConfiguration.class,
				EventsHandlerAutoConfiguration.class, EventsHealthAutoConfiguration.class))
		.withPropertyValues("spring.kafka.bootstrap-servers=localhost:1", "spring.kafka.admin.auto-create=false",
				"events.health.kafka.timeout=300ms");

	@Test
	void healthIsDownWhileKafkaIsUnreachable() {
		this.runner.run((context) -> {
			Health health = context.getBean(EventsHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).extractingByKey("kafka")
				.asString()
				.contains("status=DOWN")
				.contains("error=");
		});
	}

	@Test
	void healthIndicatorCanBeTurnedOff() {
		this.runner.withPropertyValues("management.health.events.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EventsHealthIndicator.class)
				.doesNotHaveBean(KafkaClusterProbe.class));
	}

	@Test
	void healthIndicatorIsNamedEvents() {
		this.runner.run((context) -> assertThat(context).hasBean("eventsHealthIndicator"));
	}

}
