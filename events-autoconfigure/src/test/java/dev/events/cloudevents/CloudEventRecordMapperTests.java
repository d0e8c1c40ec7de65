package dev.events.cloudevents;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
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
	void binaryRecordIsWhatTheSdksOwnWriterWrites() {
		OutboundEvent minimal = new OutboundEvent(UUID.randomUUID(), "orders.OrderCancelled",
				URI.create("https://orders.example.com/service"),
				OffsetDateTime.of(2026, 11, 23, 10, 0, 0, 123_456_789, ZoneOffset.ofHours(2)), "orders", null, null,
				null, null, null, null, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
		for (OutboundEvent written : new OutboundEvent[] { this.event, minimal }) {
			ProducerRecord<String, byte[]> ours = new CloudEventRecordMapper(CloudEventsMode.BINARY).toRecord(written);
			ProducerRecord<String, byte[]> sdks = KafkaMessageFactory
				.createWriter(written.topic(), null, null, written.key())
				.writeBinary(CloudEventRecordMapper.toCloudEvent(written));
			assertThat(ours.topic()).isEqualTo(sdks.topic());
			assertThat(ours.key()).isEqualTo(sdks.key());
			assertThat(ours.partition()).isEqualTo(sdks.partition());
			assertThat(ours.value()).isEqualTo(sdks.value());
			assertThat(headers(ours)).isEqualTo(headers(sdks));
		}
	}

	@Test
	void binaryRecordsReadAsTheSdksOwnReaderReadsThem() {
		CloudEventRecordMapper mapper = new CloudEventRecordMapper(CloudEventsMode.BINARY);
		CloudEvent withEverything = CloudEventBuilder.v1(CloudEventRecordMapper.toCloudEvent(this.event))
			.withDataSchema(URI.create("https://schemas.example.com/order"))
			.withExtension("region", "eu-west-1")
			.build();
		List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
		records.add(mapper.toRecord(this.event));
		records.add(KafkaMessageFactory.createWriter("orders", null, null, "o-1").writeBinary(withEverything));
		records.add(KafkaMessageFactory.createWriter("orders", null, null, "o-1")
			.writeBinary(CloudEventBuilder.v1(withEverything).withoutData().withoutDataContentType().build()));
		records.add(KafkaMessageFactory.createWriter("orders", null, null, "o-1")
			.writeBinary(CloudEventBuilder.v03(withEverything).build()));
		records.add(withHeaders(mapper.toRecord(this.event), (headers) -> headers.add("ce_empty", null)));
		records.add(withHeaders(mapper.toRecord(this.event), (headers) -> headers.remove("ce_id")));
		records.add(withHeaders(mapper.toRecord(this.event), (headers) -> {
			headers.remove("ce_subject");
			headers.add("CE_Subject", "o-1".getBytes(StandardCharsets.UTF_8));
		}));
		records.add(withHeaders(mapper.toRecord(this.event), (headers) -> {
			headers.remove("ce_subject");
			headers.add("ce_Subject", "o-1".getBytes(StandardCharsets.UTF_8));
		}));
		records.add(withHeaders(mapper.toRecord(this.event), (headers) -> {
			headers.remove("ce_time");
			headers.add("ce_time", "yesterday".getBytes(StandardCharsets.UTF_8));
		}));
		for (ProducerRecord<String, byte[]> record : records) {
			Object sdks;
			try {
				sdks = KafkaMessageFactory.createReader(record.headers(), record.value()).toEvent();
			}
			catch (RuntimeException ex) {
				sdks = ex.getClass();
			}
			Object ours;
			try {
				ours = mapper.fromRecord(record.headers(), record.value());
			}
			catch (RuntimeException ex) {
				ours = ex.getClass();
			}
			assertThat(ours).as("%s", record.headers()).isEqualTo(sdks);
		}
	}

	private static ProducerRecord<String, byte[]> withHeaders(ProducerRecord<String, byte[]> record,
			Consumer<Headers> change) {
		Headers headers = new RecordHeaders(record.headers().toArray());
		change.accept(headers);
		return new ProducerRecord<>(record.topic(), null, null, record.key(), record.value(), headers);
	}

	private static Map<String, String> headers(ProducerRecord<String, byte[]> record) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (Header header : record.headers()) {
			assertThat(headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8)))
				.as("header %s once", header.key())
				.isNull();
		}
		return headers;
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
