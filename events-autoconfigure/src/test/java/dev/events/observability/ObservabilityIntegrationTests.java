package dev.events.observability;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import brave.Tracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.events.consume.EventEnvelope;
import dev.events.consume.EventHandler;
import dev.events.context.EventContext;
import dev.events.outbox.OutboxMetrics;
import dev.events.outbox.OutboxStore;
import dev.events.publish.EventPublisher;
import dev.events.publish.OutboundEvent;
import dev.events.publish.OutboundEventFactory;
import dev.events.support.BraveObservations;
import dev.events.support.TestApplication;
import dev.events.test.EmbeddedServices;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Every metric moves when its event happens, and a trace started where an event is published
 * continues where it is handled (Micrometer Observation with the Brave bridge, W3C
 * propagation). Boot's listener observation is off here, its default: handlers are timed, not
 * observed, and run in the trace their event carries ({@link KafkaObservationIntegrationTests}
 * has them observed).
 */
@SpringBootTest(classes = { TestApplication.class, ObservabilityIntegrationTests.Observability.class },
		properties = { "events.topics.observed.partitions=1", "events.topics.observed.dead-letter=true",
				"events.outbox.backlog-refresh-interval=10ms" })
@DirtiesContext
class ObservabilityIntegrationTests {

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, "observability");
	}

	@Autowired
	EventPublisher publisher;

	@Autowired
	MeterRegistry meters;

	@Autowired
	Tracer tracer;

	@Autowired
	Observability observed;

	@Autowired
	OutboundEventFactory outboundEvents;

	@Autowired
	OutboxStore outbox;

	@Autowired
	OutboxMetrics outboxMetrics;

	@Test
	void metricsMoveAsEventsArePublishedSentHandledSkippedAndDeadLettered() {
		this.outboxMetrics.bindTo(this.meters);
		this.publisher.publish(new Observed("ok", false));
		assertThatIllegalArgumentException().isThrownBy(() -> this.publisher.publish("not an event"));
		OutboundEvent twice = this.outboundEvents.create(new Observed("twice", false), EventContext.empty());
		this.outbox.append(twice);
		this.outbox.append(twice);
		this.publisher.publish(new Observed("fails", true));

		assertThat(counter("events.published", "type", "dev.events.test.Observed", "outcome", "success"))
			.isGreaterThanOrEqualTo(2);
		assertThat(counter("events.published", "type", "unknown", "outcome", "failure")).isEqualTo(1);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(this.meters.get("events.relay.sent").counter().count()).isGreaterThanOrEqualTo(4);
			assertThat(this.meters.get("events.handle")
				.tags("handler", "observed-handler", "event.type", "dev.events.test.Observed", "outcome", "success")
				.timer()
				.count()).isGreaterThanOrEqualTo(2);
			assertThat(this.meters.get("events.handle")
				.tags("handler", "observed-handler", "outcome", "failure", "error", "IllegalStateException",
						"messaging.source.name", "observed")
				.timer()
				.count()).isGreaterThanOrEqualTo(1);
			assertThat(counter("events.handler.duplicates", "handler", "observed-handler")).isEqualTo(1);
			assertThat(counter("events.dead.lettered", "handler", "observed-handler", "reason", "HANDLER_FAILED"))
				.isEqualTo(1);
			assertThat(this.meters.get("events.outbox.pending").gauge().value()).isZero();
		});
		assertThat(this.meters.get("events.outbox.oldest.age").timeGauge()).isNotNull();
		assertThat(this.meters.get("events.outbox.parked").gauge().value()).isZero();
		assertThat(this.meters.get("events.relay.failed").counter().count()).isZero();
	}

	@Test
	void handlerRunsInTheTraceOfThePublisher() {
		Span span = this.tracer.nextSpan().name("place order").start();
		String eventId;
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			eventId = this.publisher.publish(new Observed("traced", false)).toString();
		}
		finally {
			span.end();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> this.observed.handlerTraces.containsKey(eventId));
		String[] handlerTrace = this.observed.handlerTraces.get(eventId);
		assertThat(handlerTrace[0]).isEqualTo(span.context().traceId());
		assertThat(handlerTrace[1]).as("without an observation of its own, in the publisher's span")
			.isEqualTo(span.context().spanId());
		assertThat(this.meters.find("events.handle.active").longTaskTimer())
			.as("timed without an observation: no long task timer per invocation")
			.isNull();
	}

	private double counter(String name, String... tags) {
		return this.meters.get(name).tags(tags).counter().count();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Observability {

		final Map<String, String[]> handlerTraces = new ConcurrentHashMap<>();

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean(destroyMethod = "close")
		Tracing braveTracing() {
			return BraveObservations.tracing();
		}

		@Bean
		BraveTracer tracer(Tracing tracing) {
			return BraveObservations.tracer(tracing);
		}

		@Bean
		ObservationRegistry observationRegistry(MeterRegistry meterRegistry, BraveTracer tracer, Tracing tracing) {
			return BraveObservations.registry(meterRegistry, tracer, tracing);
		}

		@Bean
		ObservedHandler observedHandler(Tracer tracer) {
			return new ObservedHandler(tracer, this.handlerTraces);
		}

	}

	static class ObservedHandler {

		private final Tracer tracer;

		private final Map<String, String[]> traces;

		ObservedHandler(Tracer tracer, Map<String, String[]> traces) {
			this.tracer = tracer;
			this.traces = traces;
		}

		@EventHandler(id = "observed-handler", maxAttempts = 1)
		void handle(EventEnvelope<Observed> event) {
			Span current = this.tracer.currentSpan();
			if (current != null) {
				this.traces.put(event.id(), new String[] { current.context().traceId(), current.context().spanId() });
			}
			if (event.payload().fail()) {
				throw new IllegalStateException("failing on purpose");
			}
		}

	}

	@DomainEvent(type = "dev.events.test.Observed", topic = "observed", key = "name")
	record Observed(String name, boolean fail) {
	}

}
