package dev.events.chaos.app;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A producer interceptor that kills this process right after the broker acknowledged the
 * {@code chaos.crash-after-acks}-th record: the relay has sent it, and rows of the same round are
 * sent but not yet deleted from the outbox. Configured through
 * {@code spring.kafka.producer.properties}, which the relay's producer inherits.
 */
public class KillAfterAcks implements ProducerInterceptor<Object, Object> {

	/** The producer property that says after how many acknowledged records to die. */
	public static final String ACKS_PROPERTY = "chaos.crash-after-acks";

	private static final Log logger = LogFactory.getLog(KillAfterAcks.class);

	private final AtomicLong acknowledged = new AtomicLong();

	private long crashAfter;

	@Override
	public void configure(Map<String, ?> configs) {
		Object value = configs.get(ACKS_PROPERTY);
		this.crashAfter = (value != null) ? Long.parseLong(value.toString()) : 0;
		logger.info("Producer " + configs.get(ProducerConfig.CLIENT_ID_CONFIG) + " kills this process after "
				+ this.crashAfter + " acknowledged records");
	}

	@Override
	public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
		return record;
	}

	@Override
	public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
		if (exception == null && this.acknowledged.incrementAndGet() == this.crashAfter) {
			SelfKill.now();
		}
	}

	@Override
	public void close() {
	}

}
