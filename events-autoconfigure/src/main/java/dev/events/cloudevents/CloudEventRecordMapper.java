package dev.events.cloudevents;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

import dev.events.publish.OutboundEvent;

/**
 * Writes an {@link OutboundEvent} as a Kafka record following the CloudEvents Kafka protocol
 * binding, and reads CloudEvents back from records, with the io.cloudevents SDK. The record key
 * is the partition key. Binary records, the default and the relay's hot path, are written
 * straight from the event's fields; they are what the SDK's writer writes.
 */
public class CloudEventRecordMapper {

	private final CloudEventsMode mode;

	private final EventFormat structuredFormat = new JsonFormat();

	/**
	 * Create a mapper.
	 * @param mode binary or structured content mode
	 */
	public CloudEventRecordMapper(CloudEventsMode mode) {
		this.mode = mode;
	}

	/**
	 * Map an event to a producer record.
	 * @param event the event
	 * @return the record for the event's topic, keyed by its partition key
	 */
	public ProducerRecord<@Nullable String, byte[]> toRecord(OutboundEvent event) {
		if (this.mode == CloudEventsMode.BINARY) {
			return BinaryRecords.toRecord(event);
		}
		return KafkaMessageFactory.createWriter(event.topic(), null, null, event.key())
			.writeStructured(toCloudEvent(event), this.structuredFormat);
	}

	/**
	 * Read a CloudEvent from a record, in binary or structured mode, whichever the record uses.
	 * @param headers the record headers
	 * @param value the record value
	 * @return the CloudEvent
	 * @throws io.cloudevents.rw.CloudEventRWException if the record is not a CloudEvent
	 */
	public CloudEvent fromRecord(Headers headers, byte @Nullable [] value) {
		CloudEvent binary = BinaryRecords.read(headers, value);
		return (binary != null) ? binary : KafkaMessageFactory.createReader(headers, value).toEvent();
	}

	static CloudEvent toCloudEvent(OutboundEvent event) {
		CloudEventBuilder builder = CloudEventBuilder.v1()
			.withId(event.id().toString())
			.withType(event.type())
			.withSource(event.source())
			.withTime(event.time())
			.withDataContentType(event.dataContentType())
			.withData(event.data());
		if (event.key() != null) {
			builder.withSubject(event.key()).withExtension(CloudEventExtensions.PARTITION_KEY, event.key());
		}
		for (ContextExtension extension : ContextExtension.ALL) {
			String value = extension.value().apply(event);
			if (value != null) {
				builder.withExtension(extension.name(), value);
			}
		}
		return builder.build();
	}

}
