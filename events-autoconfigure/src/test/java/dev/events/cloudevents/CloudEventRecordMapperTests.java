package dev.events.cloudevents;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import dev.events.publish.OutboundEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both content modes decode with the io.cloudevents SDK's own deserializer.
 */
class CloudEventRecordMapperTests {

	private final OutboundEvent event = new OutboundEvent(UUID.randomUUID(), "orders.OrderPlaced",
			URI.create("orders-service"), OffsetDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneOffset.UTC), "orders", "o-1",
			"acme", "user-1", "corr-1", "cause-1", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
			"application/json", "{\"orderId\":\"o-1\"}".getBytes(StandardCharsets.UTF_8));

	@Test
	void binaryModeWritesAttributesAsCeHeaders() {
		ProducerRecord<String, byte[]> record = new CloudEventRecordMapper(CloudEventsMode.BINARY).toRecord(this.event);
		assertThat(record.topic()).isEqualTo("orders");
		assertThat(record.key()).isEqualTo("o-1");
		assertThat(new String(record.headers().lastHeader("ce_type").value())).isEqualTo("orders.OrderPlaced");
		assertThat(new String(record.headers().lastHeader("ce_tenantid").value())).isEqualTo("acme");
		assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"orderId\":\"o-1\"}");
		assertDecodesToTheSameEvent(record);
	}

	@Test
	void structuredModeWritesTheWholeEventAsJson() {
		ProducerRecord<String, byte[]> record = new CloudEventRecordMapper(CloudEventsMode.STRUCTURED)
			.toRecord(this.event);
		assertThat(record.key()).isEqualTo("o-1");
		assertThat(record.headers().lastHeader("ce_type")).isNull();
		assertThat(new String(record.headers().lastHeader("content-type").value()))
			.startsWith("application/cloudevents+json");
		assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("\"type\":\"orders.OrderPlaced\"")
			.contains("\"data\":{\"orderId\":\"o-1\"}");
		assertDecodesToTheSameEvent(record);
	}

	private void assertDecodesToTheSameEvent(ProducerRecord<String, byte[]> record) {
		try (CloudEventDeserializer deserializer = new CloudEventDeserializer()) {
			CloudEvent decoded = deserializer.deserialize(record.topic(), record.headers(), record.value());
			assertThat(decoded.getId()).isEqualTo(this.event.id().toString());
			assertThat(decoded.getType()).isEqualTo("orders.OrderPlaced");
			assertThat(decoded.getSource()).isEqualTo(URI.create("orders-service"));
			assertThat(decoded.getSubject()).isEqualTo("o-1");
			assertThat(decoded.getTime()).isEqualTo(this.event.time());
			assertThat(decoded.getExtension("tenantid")).isEqualTo("acme");
			assertThat(decoded.getExtension("actorid")).isEqualTo("user-1");
			assertThat(decoded.getExtension("correlationid")).isEqualTo("corr-1");
			assertThat(decoded.getExtension("causationid")).isEqualTo("cause-1");
			assertThat(decoded.getExtension("partitionkey")).isEqualTo("o-1");
			assertThat(decoded.getExtension("traceparent")).isEqualTo(this.event.traceparent());
			assertThat(new String(decoded.getData().toBytes(), StandardCharsets.UTF_8))
				.isEqualTo("{\"orderId\":\"o-1\"}");
		}
	}

}
