package dev.events.context;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.cloudevents.CloudEvent;
import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.events.cloudevents.CloudEventExtensions;
import dev.events.consume.EventEnvelope;
import dev.events.consume.EventHandler;
import dev.events.publish.EventPublisher;
import dev.events.support.TestApplication;
import dev.events.test.EmbeddedServices;
import dev.events.test.TopicReader;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event context follows work to other threads wherever the application propagates context
 * with Micrometer's context-propagation: an {@code @Async} method called from a handler, and
 * virtual threads of a propagating executor.
 */
@SpringBootTest(classes = { TestApplication.class, EventContextPropagationIntegrationTests.Flow.class },
		properties = { "events.topics.propagation-orders.partitions=1",
				"events.topics.propagation-follow-ups.partitions=1", "spring.task.execution.propagate-context=true" })
class EventContextPropagationIntegrationTests {

	private static final String FOLLOW_UPS = "propagation-follow-ups";

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, "propagation");
	}

	@Autowired
	private EventPublisher publisher;

	@Test
	void aHandlersContextReachesEventsItsAsyncMethodsPublish() {
		try (EventContextHolder.Scope scope = EventContextHolder
			.open(EventContext.empty().withTenantId("acme").withCorrelationId("order-7"))) {
			this.publisher.publish(new OrderAccepted("order-7"));
		}
		CloudEvent followUp = followUp("order-7");
		assertThat(followUp.getExtension(CloudEventExtensions.TENANT_ID)).isEqualTo("acme");
		assertThat(followUp.getExtension(CloudEventExtensions.CORRELATION_ID)).isEqualTo("order-7");
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads; CI runs this on JDK 25")
	void theContextFollowsWorkToVirtualThreadsOfAPropagatingExecutor() throws Exception {
		ExecutorService virtualThreads = ContextExecutorService.wrap(
				(ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null),
				() -> ContextSnapshotFactory.builder().build().captureAll());
		try (EventContextHolder.Scope scope = EventContextHolder.open(EventContext.empty().withTenantId("globex"))) {
			virtualThreads.submit(() -> this.publisher.publish(new FollowUp("virtual"))).get(30, TimeUnit.SECONDS);
		}
		finally {
			virtualThreads.shutdown();
		}
		assertThat(followUp("virtual").getExtension(CloudEventExtensions.TENANT_ID)).isEqualTo("globex");
	}

	private static CloudEvent followUp(String orderId) {
		List<ConsumerRecord<String, CloudEvent>> records = TopicReader.readUntil(FOLLOW_UPS,
				(read) -> read.stream().anyMatch((record) -> orderId.equals(record.key())), Duration.ofSeconds(60));
		return records.stream().filter((record) -> orderId.equals(record.key())).findFirst().orElseThrow().value();
	}

	@TestConfiguration(proxyBeanMethods = false)
	@EnableAsync
	static class Flow {

		@Bean
		FollowUps followUps(EventPublisher publisher) {
			return new FollowUps(publisher);
		}

		@Bean
		OrderHandler propagationOrderHandler(FollowUps followUps) {
			return new OrderHandler(followUps);
		}

	}

	static class OrderHandler {

		private final FollowUps followUps;

		OrderHandler(FollowUps followUps) {
			this.followUps = followUps;
		}

		@EventHandler(id = "propagation-orders")
		void accept(EventEnvelope<OrderAccepted> order) {
			this.followUps.publish(order.payload().orderId());
		}

	}

	static class FollowUps {

		private final EventPublisher publisher;

		FollowUps(EventPublisher publisher) {
			this.publisher = publisher;
		}

		@Async
		public void publish(String orderId) {
			this.publisher.publish(new FollowUp(orderId));
		}

	}

	@DomainEvent(type = "dev.events.test.OrderAccepted", topic = "propagation-orders", key = "orderId")
	record OrderAccepted(String orderId) {
	}

	@DomainEvent(type = "dev.events.test.FollowUp", topic = FOLLOW_UPS, key = "orderId")
	record FollowUp(String orderId) {
	}

}
