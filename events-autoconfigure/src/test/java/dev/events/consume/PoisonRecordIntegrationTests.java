package dev.events.consume;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.events.support.AfterCommit;
import dev.events.support.RawRecords;
import dev.events.support.TestApplication;
import dev.events.test.EmbeddedServices;
import dev.events.test.TopicReader;
import dev.events.type.DomainEvent;

import static dev.events.test.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With dead letters on the topic, every kind of poison record lands there with its reason, and the next good
 * record of the same partition is handled. A handler that always fails holds back neither the
 * partition nor the other handlers of the topic.
 */
@SpringBootTest(classes = { TestApplication.class, PoisonRecordIntegrationTests.Handlers.class },
		properties = { "events.handlers.dead-letters.destination=topic",
				"events.topics.parcels.partitions=1", "events.topics.parcels.dead-letter=true",
				"events.handlers.retry.max-attempts=2", "events.handlers.retry.initial-interval=100ms" })
class PoisonRecordIntegrationTests {

	private static final String TYPE = "dev.events.test.Parcel";

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, "poison");
	}

	@Autowired
	Handlers handlers;

	@Test
	void poisonGoesToTheDeadLetterTopicWithItsReasonAndTheNextRecordIsHandled() {
		RawRecords.send(new ProducerRecord<>("parcels", "k", "not a cloud event".getBytes(StandardCharsets.UTF_8)));
		sendParcel("good-1", 1);
		RawRecords.send(RawRecords.cloudEvent("parcels", "k", TYPE, "{not json"));
		sendParcel("good-2", 2);
		RawRecords.send(RawRecords.cloudEvent("parcels", "k", "dev.events.test.NeverRegistered", "{}"));
		sendParcel("good-3", 3);
		RawRecords.send(RawRecords.cloudEvent("parcels", "k", TYPE, "{\"parcelId\":\"p\",\"grams\":\"heavy\"}"));
		sendParcel("good-4", 4);
		sendParcel("unweighable", -1);
		sendParcel("good-5", 5);

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.handlers.weighed).containsExactly("good-1", "good-2", "good-3", "good-4",
					"good-5"));

		List<ConsumerRecord<String, byte[]>> deadLetters = TopicReader.readRaw("parcels.dlt", 5 + 5 + 4)
			.stream()
			.filter((record) -> "parcel-weigher".equals(header(record, "kafka_dlt-original-consumer-group")))
			.toList();
		assertThat(deadLetters).extracting((record) -> header(record, UndeliverableEventException.REASON_HEADER))
			.containsExactly("NOT_A_CLOUDEVENT", "INVALID_DATA", "UNKNOWN_TYPE", "INVALID_DATA", "HANDLER_FAILED");
		assertThat(deadLetters).allSatisfy((record) -> {
			assertThat(header(record, "kafka_dlt-exception-fqcn")).isNotBlank();
			assertThat(header(record, "kafka_dlt-exception-message")).isNotBlank();
			assertThat(header(record, "kafka_dlt-exception-stacktrace")).isNotBlank();
			assertThat(header(record, "kafka_dlt-original-topic")).isEqualTo("parcels");
			assertThat(record.key()).isEqualTo("k");
		});
		assertThat(new String(deadLetters.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("not a cloud event");
		assertThat(deadLetters.subList(1, 5))
			.allSatisfy((record) -> assertThat(header(record, "ce_id")).as("ce_* headers kept").isNotBlank());
		assertThat(header(deadLetters.get(2), "kafka_dlt-exception-message")).contains("NeverRegistered");
		assertThat(header(deadLetters.get(4), "kafka_dlt-exception-message")).contains("cannot weigh");
		assertThat(header(deadLetters.get(3), "kafka_dlt-exception-message")).contains("grams");
		assertThat(List.of(deadLetters.get(1), deadLetters.get(3))).as("invalid data: no value in the headers")
			.allSatisfy((record) -> {
				assertThat(header(record, "kafka_dlt-exception-message")).doesNotContain("heavy")
					.doesNotContain("not json");
				assertThat(header(record, "kafka_dlt-exception-stacktrace")).doesNotContain("heavy")
					.doesNotContain("not json");
			});

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.handlers.counted).contains("good-1", "unweighable", "good-5"));
		List<ConsumerRecord<String, byte[]>> alwaysFailing = TopicReader.readRaw("parcels.dlt", 5 + 5 + 4)
			.stream()
			.filter((record) -> "always-failing".equals(header(record, "kafka_dlt-original-consumer-group")))
			.toList();
		assertThat(alwaysFailing).filteredOn((record) -> "HANDLER_FAILED".equals(header(record, "events_dlt_reason")))
			.hasSize(6);
	}

	private static void sendParcel(String parcelId, int grams) {
		RawRecords.send(RawRecords.cloudEvent("parcels", "k", TYPE,
				"{\"parcelId\":\"%s\",\"grams\":%d}".formatted(parcelId, grams)));
	}


	@TestConfiguration(proxyBeanMethods = false)
	static class Handlers {

		final List<String> weighed = new CopyOnWriteArrayList<>();

		final List<String> counted = new CopyOnWriteArrayList<>();

		@Bean
		ParcelHandlers parcelHandlers() {
			return new ParcelHandlers(this);
		}

	}

	static class ParcelHandlers {

		private final Handlers handlers;

		ParcelHandlers(Handlers handlers) {
			this.handlers = handlers;
		}

		@EventHandler(id = "parcel-weigher")
		void weigh(Parcel parcel) {
			if (parcel.grams() < 0) {
				throw new IllegalStateException("cannot weigh " + parcel.parcelId());
			}
			AfterCommit.run(() -> this.handlers.weighed.add(parcel.parcelId()));
		}

		@EventHandler(id = "parcel-counter")
		void count(Parcel parcel) {
			AfterCommit.run(() -> this.handlers.counted.add(parcel.parcelId()));
		}

		@EventHandler(id = "always-failing", maxAttempts = 1)
		void fail(Parcel parcel) {
			throw new IllegalStateException("always failing");
		}

	}

	@DomainEvent(type = TYPE, topic = "parcels", key = "parcelId")
	record Parcel(String parcelId, int grams) {
	}

}
