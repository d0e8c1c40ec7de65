package dev.events.consume;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * What a handler's listener container on this instance does, as health and the {@code events}
 * endpoint show it.
 *
 * @param running whether its consumers run
 * @param paused whether it is paused
 * @param assignedPartitions the partitions it holds, as {@code topic-partition}, in order
 */
public record HandlerContainerState(boolean running, boolean paused, List<String> assignedPartitions) {

	/**
	 * Read the state of a container.
	 * @param container the container, {@code null} when there is none
	 * @return its state: not running, not paused and without partitions when there is none
	 */
	public static HandlerContainerState of(@Nullable MessageListenerContainer container) {
		if (container == null) {
			return new HandlerContainerState(false, false, List.of());
		}
		return new HandlerContainerState(container.isRunning(), container.isContainerPaused(),
				(container.getAssignedPartitions() != null)
						? container.getAssignedPartitions().stream().map(TopicPartition::toString).sorted().toList()
						: List.of());
	}

	/**
	 * Return the state as details of a report.
	 * @return {@code running}, {@code paused} and {@code assignedPartitions}
	 */
	public Map<String, Object> toDetails() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("running", this.running);
		details.put("paused", this.paused);
		details.put("assignedPartitions", this.assignedPartitions);
		return details;
	}

}
