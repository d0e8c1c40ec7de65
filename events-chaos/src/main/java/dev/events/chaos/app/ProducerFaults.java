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
 * A producer interceptor that signals this process at a chosen record, configured through
 * {@code spring.kafka.producer.properties}, which the relay's producer inherits:
 * <ul>
 * <li>{@value #KILL_AFTER_ACKS}: {@code SIGKILL} right after the broker acknowledged that many
 * records, when the relay has sent them and rows of the same round are not yet deleted;</li>
 * <li>{@value #FREEZE_AT_SEND}: {@code SIGSTOP} as the relay hands over that record, with the
 * round's earlier records in flight, until the harness sends {@code SIGCONT}.</li>
 * </ul>
 */
public class ProducerFaults implements ProducerInterceptor<Object, Object> {

	/** After how many acknowledged records to kill the process; 0 never does. */
	public static final String KILL_AFTER_ACKS = "chaos.kill-after-acks";

	/** At which record sent to freeze the process; 0 never does. */
	public static final String FREEZE_AT_SEND = "chaos.freeze-at-send";

	private static final Log logger = LogFactory.getLog(ProducerFaults.class);

	private final AtomicLong acknowledged = new AtomicLong();

	private final AtomicLong sent = new AtomicLong();

	private long killAfterAcks;

	private long freezeAtSend;

	@Override
	public void configure(Map<String, ?> configs) {
		this.killAfterAcks = longValue(configs.get(KILL_AFTER_ACKS));
		this.freezeAtSend = longValue(configs.get(FREEZE_AT_SEND));
		logger.info("Producer " + configs.get(ProducerConfig.CLIENT_ID_CONFIG) + " kills this process after "
				+ this.killAfterAcks + " acknowledged records and freezes it at record " + this.freezeAtSend
				+ " (0: never)");
	}

	@Override
	public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
		if (this.sent.incrementAndGet() == this.freezeAtSend) {
			SelfSignal.stop();
		}
		return record;
	}

	@Override
	public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
		if (exception == null && this.acknowledged.incrementAndGet() == this.killAfterAcks) {
			SelfSignal.kill();
		}
	}

	@Override
	public void close() {
	}

	private static long longValue(Object value) {
		return (value != null) ? Long.parseLong(value.toString()) : 0;
	}

}
