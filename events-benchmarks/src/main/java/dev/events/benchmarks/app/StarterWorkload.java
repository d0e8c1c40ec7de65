package dev.events.benchmarks.app;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.events.benchmarks.workload.EventSink;
import dev.events.benchmarks.workload.PendingEvents;
import dev.events.benchmarks.workload.WorkloadConfiguration;
import dev.events.publish.EventPublisher;

/**
 * The workload's events through the starter: a {@link Measured} event published with the
 * {@link EventPublisher} into the outbox, pending until the relay has sent and deleted it. The
 * service runs it unless {@code bench.mode} names one of the workloads on Kafka alone.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "bench.mode", havingValue = "transactions", matchIfMissing = true)
@Import(WorkloadConfiguration.class)
class StarterWorkload {

	@Bean
	EventSink eventSink(EventPublisher publisher) {
		return (key, seq, measured, note) -> publisher.publish(new Measured(key, seq, measured, note));
	}

	@Bean
	PendingEvents pendingEvents(JdbcClient jdbc) {
		return () -> jdbc.sql("SELECT COUNT(*) FROM events_outbox").query(Long.class).single();
	}

}
