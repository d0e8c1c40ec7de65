package dev.events.endpoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import dev.events.consume.EventHandlers;
import dev.events.consume.HandlerContainerState;
import dev.events.consume.HandlerDescription;
import dev.events.deadletter.DeadLetterMonitor;
import dev.events.pause.HandlerPauses;

/**
 * Describes each handler for the endpoint: what it handles, whether its consumers run, which
 * partitions this instance holds, its lag and its dead letters.
 */
public class HandlersReport {

	private final @Nullable EventHandlers handlers;

	private final @Nullable KafkaListenerEndpointRegistry listeners;

	private final @Nullable ConsumerLag lag;

	private final @Nullable DeadLetterMonitor deadLetters;

	private final @Nullable HandlerPauses pauses;

	/**
	 * Create the report.
	 * @param handlers the handlers, {@code null} without any
	 * @param listeners their listener containers, {@code null} without any
	 * @param lag reads the consumer groups' lag, {@code null} where there are none (in memory)
	 * @param deadLetters counts the dead letters in the database, {@code null} without them
	 * @param pauses the cluster-wide pauses, {@code null} without a database for them
	 */
	public HandlersReport(@Nullable EventHandlers handlers, @Nullable KafkaListenerEndpointRegistry listeners,
			@Nullable ConsumerLag lag, @Nullable DeadLetterMonitor deadLetters, @Nullable HandlerPauses pauses) {
		this.handlers = handlers;
		this.listeners = listeners;
		this.lag = lag;
		this.deadLetters = deadLetters;
		this.pauses = pauses;
	}

	/**
	 * Return whether a handler with that id is registered here.
	 * @param handlerId the handler id
	 * @return whether it is
	 */
	public boolean has(String handlerId) {
		return this.handlers != null && this.handlers.ids().contains(handlerId);
	}

	/**
	 * Describe every handler.
	 * @return the handlers by id
	 */
	public Map<String, Object> handlers() {
		if (this.handlers == null) {
			return Map.of();
		}
		List<HandlerDescription> descriptions = this.handlers.describe();
		Map<String, List<String>> topicsByGroup = new LinkedHashMap<>();
		descriptions.forEach((handler) -> topicsByGroup.put(handler.id(), handler.topics()));
		Map<String, Object> lags = (topicsByGroup.isEmpty() || this.lag == null) ? Map.of()
				: this.lag.read(topicsByGroup);
		Map<String, Map<String, Long>> deadLetterCounts = (this.deadLetters != null) ? this.deadLetters.counts()
				: Map.of();
		Set<String> paused = (this.pauses != null) ? this.pauses.paused() : Set.of();
		Map<String, Map<String, HandlerPauses.InstanceReport>> reports = (this.pauses != null) ? this.pauses.reports()
				: Map.of();
		Map<String, Object> report = new LinkedHashMap<>();
		for (HandlerDescription handler : descriptions) {
			Map<String, Object> view = new LinkedHashMap<>();
			view.put("group", handler.id());
			view.put("topics", handler.topics());
			view.put("types", handler.types());
			view.put("deadLetterDestination", handler.deadLetters());
			view.put("sequenced", handler.sequenced());
			view.putAll(containerState(handler.id()).toDetails());
			view.put("pauseRequested", paused.contains(handler.id()));
			view.put("instances", reports.getOrDefault(handler.id(), Map.of()));
			view.put("lag", lags.containsKey("error") ? lags : lags.getOrDefault(handler.id(), Map.of()));
			view.put("deadLetters", deadLetterCounts.getOrDefault(handler.id(), Map.of()));
			report.put(handler.id(), view);
		}
		return report;
	}

	private HandlerContainerState containerState(String handlerId) {
		return HandlerContainerState
			.of((this.listeners != null) ? this.listeners.getListenerContainer(handlerId) : null);
	}

}
