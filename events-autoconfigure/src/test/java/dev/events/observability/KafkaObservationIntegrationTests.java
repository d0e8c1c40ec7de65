package dev.events.observability;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import brave.Tracing;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.events.consume.DefaultEventHandlingObservationConvention;
import dev.events.consume.EventEnvelope;
import dev.events.consume.EventHandler;
import dev.events.consume.EventHandlingContext;
import dev.events.consume.EventHandlingObservationConvention;
import dev.events.publish.EventPublisher;
import dev.events.support.BraveObservations;
import dev.events.support.TestApplication;
import dev.events.test.EmbeddedServices;
import dev.events.test.TopicReader;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code spring.kafka.template.observation-enabled} and
 * {@code spring.kafka.listener.observation-enabled}, as a Spring Boot user turns them on for their
 * own templates and listeners, the relay's sends are spring-kafka observations and each handler
 * invocation an {@code events.handle} observation: the producer span of an event sent from the
 * outbox is a child of the span it was published in, its context travels in the record's
 * {@code traceparent} header, and the handler's span continues from it. One trace: publish, send,
 * handle.
 */
@SpringBootTest(classes = { TestApplication.class, KafkaObservationIntegrationTests.Observability.class },
		properties = { "events.topics.traced.partitions=1", "spring.kafka.template.observation-enabled=true",
				"spring.kafka.listener.observation-enabled=true" })
@DirtiesContext
class KafkaObservationIntegrationTests {

	private static final String HANDLER_ID = "traced-handler";

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, "kafka_observation");
	}

	@Autowired
	EventPublisher publisher;

	@Autowired
	Tracer tracer;

	@Autowired
	MeterRegistry meters;

	@Autowired
	Queue<MutableSpan> finishedSpans;

	@Test
	void theRelaysSendJoinsThePublishersTraceAndTheHandlerContinuesFromIt() {
		Span request = this.tracer.nextSpan().name("place order").start();
		String eventId;
		try (Tracer.SpanInScope scope = this.tracer.withSpan(request)) {
			eventId = this.publisher.publish(new Traced("order-1")).toString();
		}
		finally {
			request.end();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> handleSpan(request).isPresent());

		MutableSpan send = spansOf(request).stream()
			.filter((span) -> span.kind() == brave.Span.Kind.PRODUCER)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no producer span in the trace: " + this.finishedSpans));
		assertThat(send.parentId()).as("the send's parent is the publisher's span").isEqualTo(request.context().spanId());
		assertThat(send.name()).isEqualTo("traced send");
		assertThat(handleSpan(request).orElseThrow().parentId()).as("the handler continues from the send")
			.isEqualTo(send.id());
		ConsumerRecord<String, byte[]> record = TopicReader.readRaw("traced", 1)
			.stream()
			.filter((read) -> eventId.equals(TopicReader.header(read, "ce_id")))
			.findFirst()
			.orElseThrow();
		assertThat(TopicReader.header(record, "traceparent")).contains(request.context().traceId() + "-" + send.id());
		assertThat(TopicReader.header(record, "ce_traceparent")).as("the publisher's context, stored with the event")
			.contains(request.context().traceId() + "-" + request.context().spanId());
	}

	@Test
	void sendAndHandlingAreTimedWithSpringKafkasMessagingTagsTheEventTypeAndTheApplicationsOwn() {
		this.publisher.publish(new Traced("order-2"));
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
			assertThat(this.meters.get("spring.kafka.template")
				.tags("event.type", "dev.events.test.Traced", "messaging.destination.name", "traced",
						"spring.kafka.template.name", "eventsKafkaTemplate")
				.timer()
				.count()).isPositive();
			assertThat(this.meters.get("events.handle")
				.tags("handler", HANDLER_ID, "event.type", "dev.events.test.Traced", "outcome", "success",
						"messaging.system", "kafka", "messaging.operation", "process", "messaging.source.name", "traced",
						"messaging.kafka.consumer.group", HANDLER_ID, "team", "orders")
				.timer()
				.count()).isPositive();
		});
	}

	private Optional<MutableSpan> handleSpan(Span request) {
		return spansOf(request).stream().filter((span) -> span.kind() == brave.Span.Kind.CONSUMER
				&& "handle dev.events.test.Traced".equals(span.name())).findFirst();
	}

	private List<MutableSpan> spansOf(Span request) {
		return this.finishedSpans.stream().filter((span) -> span.traceId().equals(request.context().traceId())).toList();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Observability {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		Queue<MutableSpan> finishedSpans() {
			return new ConcurrentLinkedQueue<>();
		}

		@Bean(destroyMethod = "close")
		Tracing braveTracing(Queue<MutableSpan> finishedSpans) {
			return BraveObservations.tracing(new SpanHandler() {

				@Override
				public boolean end(TraceContext context, MutableSpan span, Cause cause) {
					finishedSpans.add(span);
					return true;
				}

			});
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
		EventHandlingObservationConvention teamTag() {
			return new DefaultEventHandlingObservationConvention() {

				@Override
				public KeyValues getLowCardinalityKeyValues(EventHandlingContext context) {
					return super.getLowCardinalityKeyValues(context).and("team", "orders");
				}

			};
		}

		@Bean
		TracedHandler tracedHandler() {
			return new TracedHandler();
		}

	}

	static class TracedHandler {

		@EventHandler(id = HANDLER_ID)
		void handle(EventEnvelope<Traced> event) {
		}

	}

	@DomainEvent(type = "dev.events.test.Traced", topic = "traced", key = "orderId")
	record Traced(String orderId) {
	}

}
