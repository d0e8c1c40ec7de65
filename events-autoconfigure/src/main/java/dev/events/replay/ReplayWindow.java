package dev.events.replay;

import java.time.Instant;

import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * What a replay replays on one partition, recorded by the instance that applied it: the consumer
 * is sought back to the start offset, handles records up to the end offset, and then goes on at
 * the offset it was at before, leaving out the records between, which it had handled.
 *
 * @param replayId the replay
 * @param topic the topic
 * @param partition the partition
 * @param startOffset the first offset replayed
 * @param endOffset the offset the replay stops at, exclusive
 * @param resumeOffset the offset the consumer was at when the replay began
 * @param instanceId the instance that applied it
 * @param appliedAt when it was applied
 * @param doneAt when the consumer went back to the resume offset, {@code null} while under way
 */
public record ReplayWindow(String replayId, String topic, int partition, long startOffset, long endOffset,
		long resumeOffset, String instanceId, Instant appliedAt, @Nullable Instant doneAt) {

	/**
	 * Return the partition of this window.
	 * @return the topic and partition
	 */
	public TopicPartition topicPartition() {
		return new TopicPartition(this.topic, this.partition);
	}

	/**
	 * Return whether the replay leaves out the record at an offset: the records from the end up
	 * to the resume offset were handled before the replay began.
	 * @param offset the record's offset
	 * @return whether it is left out
	 */
	public boolean skips(long offset) {
		return offset >= this.endOffset && offset < this.resumeOffset;
	}

	/**
	 * Return whether the window replays nothing: no record of its time range came before the
	 * offset the consumer was at.
	 * @return whether it is empty
	 */
	public boolean isEmpty() {
		return this.startOffset >= this.endOffset;
	}

}
