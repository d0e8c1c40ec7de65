package dev.events.consume;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Replays of handlers' partitions, requested for the whole cluster and applied by whichever
 * instance holds each partition: seeks a handler's consumer back to where a replay starts, and
 * leaves out the records a replay does not ask for. Every method runs on the consumer's own
 * thread, so it may use the consumer.
 */
public interface HandlerReplays {

	/**
	 * Return how often a consumer that receives no records looks for requested replays.
	 * @return the interval
	 */
	Duration idleCheckInterval();

	/**
	 * Partitions were assigned to a consumer of a handler: the replays still under way on them
	 * start again there, since the instance that held them may not have finished.
	 * @param handlerId the handler
	 * @param consumer the consumer
	 * @param partitions the assigned partitions
	 */
	void assigned(String handlerId, Consumer<?, ?> consumer, Collection<TopicPartition> partitions);

	/**
	 * Partitions were taken from a consumer of a handler.
	 * @param handlerId the handler
	 * @param consumer the consumer
	 * @param partitions the revoked partitions
	 */
	void revoked(String handlerId, Consumer<?, ?> consumer, Collection<TopicPartition> partitions);

	/**
	 * Return the records of a poll that the handler handles: a replay that reached its end
	 * leaves out the records after it that were handled before the replay began.
	 * @param handlerId the handler
	 * @param records the records, in partition order
	 * @return the records to handle
	 */
	List<ConsumerRecord<byte[], byte[]>> select(String handlerId, List<ConsumerRecord<byte[], byte[]>> records);

	/**
	 * The consumer of a handler handled a poll, or is idle: end the replays that reached their
	 * end, seeking past what was handled before them, and start the replays requested since, on
	 * the partitions it holds. Never throws: what fails is logged and tried again next time.
	 * @param handlerId the handler
	 * @param consumer the consumer
	 */
	void apply(String handlerId, Consumer<?, ?> consumer);

}
