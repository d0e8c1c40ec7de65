package dev.events.pause;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import dev.events.jdbc.PeriodicTask;

/**
 * Makes this instance's handler containers follow the cluster-wide pauses, and reports what
 * they do. A paused container stays in its consumer group, holding its partitions without
 * polling records, so that resuming goes on where it stopped.
 */
public class HandlerPauseFollower extends PeriodicTask {

	private final HandlerPauses pauses;

	private final KafkaListenerEndpointRegistry listeners;

	private final Supplier<? extends Collection<String>> handlerIds;

	private final String instanceId;

	private final Clock clock;

	/**
	 * Create the follower.
	 * @param pauses the cluster-wide pauses
	 * @param listeners the listener containers, by handler id
	 * @param handlerIds the handlers of this instance
	 * @param instanceId this instance, in the reports
	 * @param interval how often the pauses are read
	 * @param clock the clock of the reports
	 */
	public HandlerPauseFollower(HandlerPauses pauses, KafkaListenerEndpointRegistry listeners,
			Supplier<? extends Collection<String>> handlerIds, String instanceId, Duration interval, Clock clock) {
		super("events-handler-pauses", "follow the handler pauses", interval);
		this.pauses = pauses;
		this.listeners = listeners;
		this.handlerIds = handlerIds;
		this.instanceId = instanceId;
		this.clock = clock;
	}

	@Override
	protected void runOnce() {
		Set<String> paused = this.pauses.paused();
		Map<String, Boolean> states = new TreeMap<>();
		for (String handlerId : this.handlerIds.get()) {
			MessageListenerContainer container = this.listeners.getListenerContainer(handlerId);
			if (container == null) {
				continue;
			}
			boolean pause = paused.contains(handlerId);
			if (pause && !container.isPauseRequested()) {
				container.pause();
			}
			else if (!pause && container.isPauseRequested()) {
				container.resume();
			}
			states.put(handlerId, container.isContainerPaused());
		}
		this.pauses.report(this.instanceId, states, this.clock.instant());
	}

}
