package dev.events.test;

import java.time.Duration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.events.autoconfigure.EventsAutoConfiguration;
import dev.events.autoconfigure.EventsMemoryAutoConfiguration;
import dev.events.autoconfigure.EventsOutboxAutoConfiguration;
import dev.events.publish.EventPublisher;

/**
 * Test support in every Spring Boot test that has {@code events-test} on its classpath: the
 * {@link PublishedEvents} of each test and an {@link EventScenario} to wait for handlers with
 * ({@code events.test.scenario.timeout}, 10 seconds unless set).
 */
@AutoConfiguration(after = { EventsAutoConfiguration.class, EventsOutboxAutoConfiguration.class,
		EventsMemoryAutoConfiguration.class })
@ConditionalOnClass(EventPublisher.class)
public final class EventsTestAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PublishedEvents publishedEvents() {
		return new PublishedEvents();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(EventPublisher.class)
	EventScenario eventScenario(EventPublisher publisher, PublishedEvents published, Environment environment) {
		return new EventScenario(publisher, published,
				environment.getProperty("events.test.scenario.timeout", Duration.class, Duration.ofSeconds(10)));
	}

}
