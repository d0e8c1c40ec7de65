package dev.events.cloudevents;

import java.nio.charset.StandardCharsets;

import io.micrometer.common.KeyValues;
import org.apache.kafka.common.header.Header;

import org.springframework.kafka.support.micrometer.KafkaRecordSenderContext;
import org.springframework.kafka.support.micrometer.KafkaTemplateObservation.DefaultKafkaTemplateObservationConvention;

/**
 * spring-kafka's {@code spring.kafka.template} observation of a send, tagged also with the
 * CloudEvent type the record carries ({@code event.type}), as {@code events.handle} is.
 */
public class CloudEventSendObservationConvention extends DefaultKafkaTemplateObservationConvention {

	private static final String TYPE_HEADER = "ce_type";

	@Override
	public KeyValues getLowCardinalityKeyValues(KafkaRecordSenderContext context) {
		Header type = context.getRecord().headers().lastHeader(TYPE_HEADER);
		String eventType = (type != null && type.value() != null) ? new String(type.value(), StandardCharsets.UTF_8)
				: "unknown";
		return super.getLowCardinalityKeyValues(context).and("event.type", eventType);
	}

}
