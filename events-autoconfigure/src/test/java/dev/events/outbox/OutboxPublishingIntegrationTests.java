package dev.events.outbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import io.cloudevents.CloudEvent;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.events.cloudevents.CloudEventExtensions;
import dev.events.context.EventContext;
import dev.events.context.EventContextHolder;
import dev.events.publish.EventPublisher;
import dev.events.publish.OutboundEvent;
import dev.events.support.OutboxRows;
import dev.events.support.TestApplication;
import dev.events.test.TopicReader;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publishing through the outbox against a real database and a real Kafka broker; a subclass per
 * database.
 */
@SpringBootTest(classes = { TestApplication.class, OutboxPublishingIntegrationTests.Tracing.class },
		properties = { "spring.application.name=orders-service", "events.topics.orders.partitions=3",
				"events.topics.load.partitions=4" })
abstract class OutboxPublishingIntegrationTests {

	@Autowired
	EventPublisher publisher;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	DataSource dataSource;

	@Autowired
	OutboxStore outbox;

	@Autowired
	SimpleTracer tracer;

	@Test
	void committedEventReachesKafkaAsCloudEventWithEveryAttribute() {
		UUID cause = UUID.randomUUID();
		UUID id;
		try (EventContextHolder.Scope scope = EventContextHolder
			.open(new EventContext("acme", "user-7", "conversation-1", cause.toString()))) {
			id = this.transactions.execute((status) -> this.publisher.publish(new OrderPlaced("order-1", 42)));
		}
		CloudEvent event = eventWithId("orders", id);
		assertThat(event.getSpecVersion().toString()).isEqualTo("1.0");
		assertThat(event.getType()).isEqualTo("dev.events.test.OrderPlaced");
		assertThat(event.getSource().toString()).isEqualTo("orders-service");
		assertThat(event.getSubject()).isEqualTo("order-1");
		assertThat(event.getTime()).isBetween(OffsetDateTime.now().minusMinutes(1), OffsetDateTime.now());
		assertThat(event.getDataContentType()).isEqualTo("application/json");
		assertThat(new String(event.getData().toBytes(), StandardCharsets.UTF_8))
			.isEqualTo("{\"orderId\":\"order-1\",\"sequence\":42}");
		assertThat(event.getExtension(CloudEventExtensions.TENANT_ID)).isEqualTo("acme");
		assertThat(event.getExtension(CloudEventExtensions.ACTOR_ID)).isEqualTo("user-7");
		assertThat(event.getExtension(CloudEventExtensions.CORRELATION_ID)).isEqualTo("conversation-1");
		assertThat(event.getExtension(CloudEventExtensions.CAUSATION_ID)).isEqualTo(cause.toString());
		assertThat(event.getExtension(CloudEventExtensions.PARTITION_KEY)).isEqualTo("order-1");
		assertThat(id.version()).isEqualTo(7);
	}

	@Test
	void recordKeyIsThePartitionKeyAndExplicitContextWinsOverCurrentOne() {
		UUID id;
		try (EventContextHolder.Scope scope = EventContextHolder.open(EventContext.empty().withTenantId("acme"))) {
			id = this.publisher.publish(new OrderPlaced("order-2", 1), EventContext.empty().withTenantId("globex"));
		}
		ConsumerRecord<String, CloudEvent> record = recordWithId("orders", id);
		assertThat(record.key()).isEqualTo("order-2");
		assertThat(record.headers().lastHeader("ce_id")).isNotNull();
		assertThat(record.value().getExtension(CloudEventExtensions.TENANT_ID)).isEqualTo("globex");
		assertThat(record.value().getExtension(CloudEventExtensions.CORRELATION_ID)).isEqualTo(id.toString());
	}

	@Test
	void traceActiveAtPublishTimeTravelsAsTraceparent() {
		Span span = this.tracer.nextSpan().name("place order").start();
		UUID id;
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			id = this.publisher.publish(new OrderPlaced("order-traced", 1));
		}
		finally {
			span.end();
		}
		assertThat(eventWithId("orders", id).getExtension(CloudEventExtensions.TRACEPARENT))
			.asString()
			.contains(span.context().traceId() + "-" + span.context().spanId());
	}

	@Test
	void eventTimeIsStoredToTheMicrosecondWhateverItsOffset() {
		OffsetDateTime time = OffsetDateTime.of(2026, 11, 30, 10, 0, 0, 123_456_789, ZoneOffset.ofHours(2));
		OutboundEvent event = new OutboundEvent(UUID.randomUUID(), "dev.events.test.Timed",
				URI.create("orders-service"), time, "orders", "timed", null, null, null, null, null,
				"application/json", "{}".getBytes(StandardCharsets.UTF_8));
		OffsetDateTime stored = this.transactions.execute((status) -> {
			status.setRollbackOnly();
			this.outbox.append(event);
			return JdbcClient.create(this.dataSource)
				.sql("SELECT event_time FROM events_outbox WHERE event_id = ?")
				.param(event.id())
				.query((row, rowNum) -> row.getObject(1, OffsetDateTime.class))
				.single();
		});
		assertThat(stored.toInstant()).isEqualTo(Instant.parse("2026-11-30T08:00:00.123456Z"));
	}

	@Test
	void eventIsNotPublishedWhenTransactionRollsBack() {
		UUID rolledBack = this.transactions.execute((status) -> {
			UUID id = this.publisher.publish(new OrderPlaced("order-3", 1));
			status.setRollbackOnly();
			return id;
		});
		UUID committed = this.transactions.execute((status) -> this.publisher.publish(new OrderPlaced("order-3", 2)));
		List<ConsumerRecord<String, CloudEvent>> records = TopicReader.readUntil("orders",
				(read) -> read.stream().anyMatch((record) -> record.value().getId().equals(committed.toString())),
				Duration.ofSeconds(30));
		assertThat(records).extracting((record) -> record.value().getId()).doesNotContain(rolledBack.toString());
		long rows = JdbcRows.countByEventId(this.dataSource, rolledBack);
		assertThat(rows).isZero();
	}

	@Test
	void everyEventArrivesExactlyOnceAndInPublishOrderPerKeyFromConcurrentPublishers() throws Exception {
		int threads = 4;
		int keys = 100;
		int eventsPerKey = 100;
		String keyPrefix = "key-" + UUID.randomUUID() + "-";
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		List<Future<?>> publishers = new ArrayList<>();
		for (int thread = 0; thread < threads; thread++) {
			int first = thread;
			publishers.add(executor.submit(() -> {
				for (int sequence = 0; sequence < eventsPerKey; sequence++) {
					int current = sequence;
					this.transactions.executeWithoutResult((status) -> {
						for (int key = first; key < keys; key += threads) {
							this.publisher.publish(new LoadEvent(keyPrefix + key, current));
						}
					});
				}
			}));
		}
		for (Future<?> publisher : publishers) {
			publisher.get();
		}
		executor.shutdown();
		List<ConsumerRecord<String, CloudEvent>> records = keyedWith(TopicReader.readUntil("load",
				(read) -> keyedWith(read, keyPrefix).size() >= keys * eventsPerKey, Duration.ofSeconds(30)), keyPrefix);
		assertThat(records).as("records of this run; the topic may hold another suite's").hasSize(keys * eventsPerKey);
		Set<String> ids = new HashSet<>();
		Map<String, Integer> lastSequenceByKey = new HashMap<>();
		for (ConsumerRecord<String, CloudEvent> record : records) {
			assertThat(ids.add(record.value().getId())).as("unique id %s", record.value().getId()).isTrue();
			int sequence = sequenceOf(record.value());
			Integer previous = lastSequenceByKey.put(record.key(), sequence);
			assertThat(sequence).as("sequence of key %s", record.key()).isEqualTo((previous != null) ? previous + 1 : 0);
		}
		assertThat(lastSequenceByKey).hasSize(keys).allSatisfy((key, last) -> assertThat(last).isEqualTo(eventsPerKey - 1));
		assertThat(new OutboxRows(this.dataSource).all("load")).isZero();
	}

	private static List<ConsumerRecord<String, CloudEvent>> keyedWith(List<ConsumerRecord<String, CloudEvent>> records,
			String keyPrefix) {
		return records.stream().filter((record) -> record.key() != null && record.key().startsWith(keyPrefix)).toList();
	}

	private static int sequenceOf(CloudEvent event) {
		String json = new String(event.getData().toBytes(), StandardCharsets.UTF_8);
		return Integer.parseInt(json.replaceAll(".*\"sequence\":(\\d+).*", "$1"));
	}

	private static CloudEvent eventWithId(String topic, UUID id) {
		return recordWithId(topic, id).value();
	}

	private static ConsumerRecord<String, CloudEvent> recordWithId(String topic, UUID id) {
		return TopicReader
			.readUntil(topic, (read) -> read.stream().anyMatch((record) -> record.value().getId().equals(id.toString())),
					Duration.ofSeconds(30))
			.stream()
			.filter((record) -> record.value().getId().equals(id.toString()))
			.findFirst()
			.orElseThrow();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Tracing {

		@Bean
		SimpleTracer tracer() {
			return new SimpleTracer();
		}

	}

	@DomainEvent(type = "dev.events.test.OrderPlaced", topic = "orders", key = "orderId")
	record OrderPlaced(String orderId, int sequence) {
	}

	@DomainEvent(type = "dev.events.test.LoadEvent", topic = "load", key = "key")
	record LoadEvent(String key, int sequence) {
	}

	static final class JdbcRows {

		static long countByEventId(DataSource dataSource, UUID id) {
			return JdbcClient.create(dataSource)
				.sql("SELECT COUNT(*) FROM events_outbox WHERE event_id = ?")
				.param(id)
				.query(Long.class)
				.single();
		}

	}

}
