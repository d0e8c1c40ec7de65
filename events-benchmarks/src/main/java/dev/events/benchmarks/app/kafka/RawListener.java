package dev.events.benchmarks.app.kafka;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.events.benchmarks.app.Measured;

/**
 * The baseline of the handler: a raw {@code @KafkaListener} on Boot's own container factory that
 * decodes the same CloudEvent (its id from the {@code ce_id} header, its JSON data into the
 * event) and writes nothing.
 */
@Component
@ConditionalOnProperty(name = "bench.mode", havingValue = "listener")
class RawListener {

	private final ConsumedEvents consumed;

	private final JsonMapper json;

	RawListener(ConsumedEvents consumed, ObjectProvider<JsonMapper> json) {
		this.consumed = consumed;
		this.json = json.getIfAvailable(JsonMapper::shared);
	}

	@KafkaListener(id = ConsumeDriver.CONSUMER_ID, topics = Measured.TOPIC, properties = {
			"value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer",
			"auto.offset.reset=earliest" })
	void listen(ConsumerRecord<String, byte[]> record) {
		Header id = record.headers().lastHeader("ce_id");
		Measured event = this.json.readValue(record.value(), Measured.class);
		this.consumed.record(new String(id.value(), StandardCharsets.UTF_8), event.measured());
	}

}
