package dev.events.consume;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.events.context.EventContext;
import dev.events.context.EventContextHolder;
import dev.events.publish.EventPublisher;
import dev.events.support.TestApplication;
import dev.events.test.EmbeddedServices;
import dev.events.test.TopicReader;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handler methods receive events as typed payloads, envelopes or CloudEvents, by class or by
 * sealed supertype, with the event's context around them.
 */
@SpringBootTest(classes = { TestApplication.class, EventHandlerIntegrationTests.Handlers.class },
		properties = { "spring.application.name=billing", "events.topics.payments.partitions=2",
				"events.topics.shipments.partitions=1", "events.topics.receipts.partitions=1" })
class EventHandlerIntegrationTests {

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, "handlers");
	}

	@Autowired
	EventPublisher publisher;

	@Autowired
	Handlers handlers;

	@Test
	void typedEnvelopeAndCloudEventParametersReceiveTheEventAndItsMetadata() throws Exception {
		UUID id;
		try (EventContextHolder.Scope scope = EventContextHolder
			.open(new EventContext("acme", "clerk-1", "conversation-9", "cause-3"))) {
			id = this.publisher.publish(new PaymentReceived("payment-1", 4250));
		}

		assertThat(next(this.handlers.typed)).isEqualTo(new PaymentReceived("payment-1", 4250));

		EventEnvelope<?> envelope = next(this.handlers.envelopes);
		assertThat(envelope.payload()).isEqualTo(new PaymentReceived("payment-1", 4250));
		assertThat(envelope.id()).isEqualTo(id.toString());
		assertThat(envelope.type()).isEqualTo("dev.events.test.PaymentReceived");
		assertThat(envelope.source().toString()).isEqualTo("billing");
		assertThat(envelope.time()).isNotNull();
		assertThat(envelope.key()).isEqualTo("payment-1");
		assertThat(envelope.tenantId()).isEqualTo("acme");
		assertThat(envelope.actorId()).isEqualTo("clerk-1");
		assertThat(envelope.correlationId()).isEqualTo("conversation-9");
		assertThat(envelope.causationId()).isEqualTo("cause-3");

		CloudEvent cloudEvent = next(this.handlers.cloudEvents);
		assertThat(cloudEvent.getId()).isEqualTo(id.toString());
		assertThat(new String(cloudEvent.getData().toBytes(), StandardCharsets.UTF_8))
			.isEqualTo("{\"paymentId\":\"payment-1\",\"cents\":4250}");
	}

	@Test
	void handlerOfASealedSupertypeReceivesEverySubtypeAndSkipsOthers() throws Exception {
		this.publisher.publish(new ShipmentCreated("s-1"));
		this.publisher.publish(new ShipmentCancelled("s-1", "customer changed mind"));
		assertThat(next(this.handlers.shipments)).isEqualTo(new ShipmentCreated("s-1"));
		assertThat(next(this.handlers.shipments)).isEqualTo(new ShipmentCancelled("s-1", "customer changed mind"));
		assertThat(next(this.handlers.cancellations)).isEqualTo(new ShipmentCancelled("s-1", "customer changed mind"));
		assertThat(this.handlers.cancellations.poll(500, TimeUnit.MILLISECONDS)).as("created is not a cancellation")
			.isNull();
	}

	@Test
	void eventsPublishedByAHandlerCarryItsTenantCorrelationAndCause() {
		UUID payment;
		try (EventContextHolder.Scope scope = EventContextHolder
			.open(EventContext.empty().withTenantId("globex").withCorrelationId("order-flow-7"))) {
			payment = this.publisher.publish(new PaymentReceived("payment-receipt", 100));
		}
		ConsumerRecord<String, CloudEvent> receipt = TopicReader
			.readUntil("receipts",
					(records) -> records.stream()
						.anyMatch((record) -> "payment-receipt".equals(record.value().getSubject())),
					Duration.ofSeconds(30))
			.stream()
			.filter((record) -> "payment-receipt".equals(record.value().getSubject()))
			.findFirst()
			.orElseThrow();
		assertThat(receipt.value().getExtension("tenantid")).isEqualTo("globex");
		assertThat(receipt.value().getExtension("correlationid")).isEqualTo("order-flow-7");
		assertThat(receipt.value().getExtension("causationid")).isEqualTo(payment.toString());
	}

	@Test
	void contextOfOneEventDoesNotLeakIntoTheNext() throws Exception {
		this.handlers.contexts.clear();
		try (EventContextHolder.Scope scope = EventContextHolder.open(EventContext.empty().withTenantId("initech"))) {
			this.publisher.publish(new ShipmentCreated("leak-1"));
		}
		this.publisher.publish(new ShipmentCreated("leak-1"));
		EventContext first = next(this.handlers.contexts);
		EventContext second = next(this.handlers.contexts);
		assertThat(first.tenantId()).isEqualTo("initech");
		assertThat(second.tenantId()).isNull();
		assertThat(second.correlationId()).isNotEqualTo(first.correlationId());
	}

	private static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
		T next = queue.poll(30, TimeUnit.SECONDS);
		assertThat(next).as("handled within 30s").isNotNull();
		return next;
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Handlers {

		final BlockingQueue<PaymentReceived> typed = new LinkedBlockingQueue<>();

		final BlockingQueue<EventEnvelope<?>> envelopes = new LinkedBlockingQueue<>();

		final BlockingQueue<CloudEvent> cloudEvents = new LinkedBlockingQueue<>();

		final BlockingQueue<ShipmentEvent> shipments = new LinkedBlockingQueue<>();

		final BlockingQueue<ShipmentCancelled> cancellations = new LinkedBlockingQueue<>();

		final BlockingQueue<EventContext> contexts = new LinkedBlockingQueue<>();

		@Bean
		PaymentHandlers paymentHandlers(EventPublisher publisher) {
			return new PaymentHandlers(this, publisher);
		}

	}

	static class PaymentHandlers {

		private final Handlers received;

		private final EventPublisher publisher;

		PaymentHandlers(Handlers received, EventPublisher publisher) {
			this.received = received;
			this.publisher = publisher;
		}

		@EventHandler
		void typed(PaymentReceived payment) {
			if (payment.paymentId().equals("payment-1")) {
				this.received.typed.add(payment);
			}
		}

		@EventHandler
		void envelope(EventEnvelope<PaymentReceived> payment) {
			if (payment.payload().paymentId().equals("payment-1")) {
				this.received.envelopes.add(payment);
			}
		}

		@EventHandler(types = PaymentReceived.class)
		void cloudEvent(CloudEvent payment) {
			if ("payment-1".equals(payment.getSubject())) {
				this.received.cloudEvents.add(payment);
			}
		}

		@EventHandler
		void issueReceipt(PaymentReceived payment) {
			this.publisher.publish(new ReceiptIssued(payment.paymentId()));
		}

		@EventHandler
		void shipment(ShipmentEvent shipment) {
			this.received.shipments.add(shipment);
			this.received.contexts.add(EventContextHolder.current());
		}

		@EventHandler
		void cancellation(ShipmentCancelled cancelled) {
			this.received.cancellations.add(cancelled);
		}

	}

	@DomainEvent(type = "dev.events.test.PaymentReceived", topic = "payments", key = "paymentId")
	record PaymentReceived(String paymentId, long cents) {
	}

	@DomainEvent(type = "dev.events.test.ReceiptIssued", topic = "receipts", key = "paymentId")
	record ReceiptIssued(String paymentId) {
	}

	sealed interface ShipmentEvent permits ShipmentCreated, ShipmentCancelled {

	}

	@DomainEvent(type = "dev.events.test.ShipmentCreated", topic = "shipments", key = "shipmentId")
	record ShipmentCreated(String shipmentId) implements ShipmentEvent {
	}

	@DomainEvent(type = "dev.events.test.ShipmentCancelled", topic = "shipments", key = "shipmentId")
	record ShipmentCancelled(String shipmentId, String reason) implements ShipmentEvent {
	}

}
