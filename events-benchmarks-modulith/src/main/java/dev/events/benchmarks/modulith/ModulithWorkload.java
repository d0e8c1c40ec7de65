package dev.events.benchmarks.modulith;

import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.events.benchmarks.workload.EventSink;
import dev.events.benchmarks.workload.PendingEvents;

/**
 * The workload's events through Spring Modulith: a {@link Measured} event published as an
 * application event, which the registry records in the transaction, pending until its
 * externalization completed and, in completion mode {@code delete}, removed it.
 */
@Configuration(proxyBeanMethods = false)
class ModulithWorkload {

	@Bean
	EventSink eventSink(ApplicationEventPublisher publisher) {
		return (key, seq, measured, note) -> {
			UUID id = UUID.randomUUID();
			publisher.publishEvent(new Measured(id, key, seq, measured, note));
			return id;
		};
	}

	@Bean
	PendingEvents pendingEvents(JdbcClient jdbc) {
		return () -> jdbc.sql("SELECT COUNT(*) FROM event_publication").query(Long.class).single();
	}

}
