package dev.events.health;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import dev.events.consume.HandlerContainerState;
import dev.events.deadletter.DeadLetterMonitor;
import dev.events.outbox.OutboxBacklog;
import dev.events.outbox.OutboxMonitor;
import dev.events.outbox.RelayState;

/**
 * The {@code events} health: whether Kafka answers, how far behind the outbox is, whether every
 * handler's consumers run, the dead letters in the database, and how many records were
 * dead-lettered since startup.
 * <p>
 * {@code DOWN} when a handler or the relay is not running, the outbox passes a critical
 * threshold, or Kafka does not answer and there is no outbox to absorb what is published;
 * {@link #DEGRADED} (served with HTTP 200) when Kafka does not answer while the outbox absorbs the
 * events, when the outbox passes a warning threshold, holds parked events, or cannot send to a
 * topic (naming it, and saying whether the topic is missing), or when handlers have dead letters
 * in the database (unless turned off).
 */
public class EventsHealthIndicator implements HealthIndicator {

	/**
	 * Working, but needing attention: the outbox falls behind or holds parked events.
	 */
	public static final Status DEGRADED = new Status("DEGRADED", "Working, but falling behind or needing attention");

	private static final List<Status> SEVERITY = List.of(Status.UP, DEGRADED, Status.DOWN);

	private final @Nullable KafkaClusterProbe kafka;

	private final @Nullable OutboxMonitor outbox;

	private final Supplier<@Nullable RelayState> relay;

	private final OutboxHealthThresholds thresholds;

	private final @Nullable KafkaListenerEndpointRegistry listeners;

	private final Supplier<List<String>> handlerIds;

	private final LongSupplier deadLettered;

	private final @Nullable DeadLetterMonitor deadLetters;

	private final boolean degradedByDeadLetters;

	private final Clock clock;

	/**
	 * Create the indicator.
	 * @param kafka asks the cluster how it is, {@code null} on the in-memory transport
	 * @param outbox reads the outbox backlog, {@code null} without an outbox
	 * @param relay the state of this instance's relay, {@code null} when it has none
	 * @param thresholds when the backlog degrades health or brings it down
	 * @param listeners the listener containers, {@code null} without handlers
	 * @param handlerIds the ids of the handlers, which are their container ids
	 * @param deadLettered the number of records dead-lettered since startup
	 * @param deadLetters counts the dead letters in the database, {@code null} without them
	 * @param degradedByDeadLetters whether dead letters in the database make the health
	 * {@link #DEGRADED}
	 * @param clock the clock
	 */
	public EventsHealthIndicator(@Nullable KafkaClusterProbe kafka, @Nullable OutboxMonitor outbox,
			Supplier<@Nullable RelayState> relay, OutboxHealthThresholds thresholds,
			@Nullable KafkaListenerEndpointRegistry listeners, Supplier<List<String>> handlerIds,
			LongSupplier deadLettered, @Nullable DeadLetterMonitor deadLetters, boolean degradedByDeadLetters,
			Clock clock) {
		this.kafka = kafka;
		this.outbox = outbox;
		this.relay = relay;
		this.thresholds = thresholds;
		this.listeners = listeners;
		this.handlerIds = handlerIds;
		this.deadLettered = deadLettered;
		this.deadLetters = deadLetters;
		this.degradedByDeadLetters = degradedByDeadLetters;
		this.clock = clock;
	}

	@Override
	public Health health() {
		Map<String, Object> details = new LinkedHashMap<>();
		Status kafkaStatus = kafka(details);
		Status outboxStatus = outbox(details, kafkaStatus == Status.UP);
		Status handlersStatus = handlers(details);
		details.put("deadLettered", this.deadLettered.getAsLong());
		Status deadLettersStatus = deadLetters(details);
		Status status = worst(worst(worst(unreachableKafka(kafkaStatus), outboxStatus), handlersStatus),
				deadLettersStatus);
		return Health.status(status).withDetails(details).build();
	}

	/**
	 * Kafka out of reach is not a reason to restart or unroute the application while the outbox
	 * absorbs what it publishes: that is {@link #DEGRADED} until the outbox passes a critical
	 * threshold, which brings the health down on its own. Without an outbox, publishing fails.
	 */
	private Status unreachableKafka(Status kafka) {
		return (kafka == Status.DOWN && this.outbox != null) ? DEGRADED : kafka;
	}

	private static Status worst(Status one, Status other) {
		return (SEVERITY.indexOf(other) > SEVERITY.indexOf(one)) ? other : one;
	}

	private Status kafka(Map<String, Object> details) {
		if (this.kafka == null) {
			details.put("transport", "in-memory");
			return Status.UP;
		}
		KafkaClusterProbe.ClusterState state = this.kafka.state();
		Map<String, Object> kafka = new LinkedHashMap<>();
		Status status = state.reachable() ? Status.UP : Status.DOWN;
		kafka.put("status", status.getCode());
		if (state.reachable()) {
			kafka.put("nodes", state.nodes());
			kafka.put("clusterId", state.clusterId());
		}
		else {
			kafka.put("error", state.error());
		}
		details.put("kafka", kafka);
		return status;
	}

	private Status outbox(Map<String, Object> details, boolean kafkaReachable) {
		if (this.outbox == null) {
			return Status.UP;
		}
		OutboxBacklog backlog = this.outbox.backlog();
		Duration age = backlog.oldestPendingAge(this.clock.instant());
		Status status = Status.UP;
		if (age.compareTo(this.thresholds.criticalAge()) >= 0 || backlog.pending() >= this.thresholds.criticalPending()) {
			status = Status.DOWN;
		}
		else if (age.compareTo(this.thresholds.warningAge()) >= 0
				|| backlog.pending() >= this.thresholds.warningPending() || backlog.parked() > 0) {
			status = DEGRADED;
		}
		Map<String, Object> outbox = new LinkedHashMap<>();
		outbox.put("status", status.getCode());
		outbox.put("pending", backlog.pending());
		outbox.put("oldestPendingAge", age.toString());
		outbox.put("parked", backlog.parked());
		RelayState relay = this.relay.get();
		if (relay != null) {
			status = worst(status, relay(relay, outbox, kafkaReachable));
			outbox.put("status", status.getCode());
		}
		details.put("outbox", outbox);
		return status;
	}

	private Status relay(RelayState relay, Map<String, Object> outbox, boolean kafkaReachable) {
		outbox.put("relay", relay.running() ? "running" : "stopped");
		outbox.put("leasedShards", relay.leasedShards());
		Status status = relay.running() ? Status.UP : Status.DOWN;
		if (!relay.failingTopics().isEmpty()) {
			outbox.put("failingTopics", new TreeMap<>(relay.failingTopics()));
			if (kafkaReachable && this.kafka != null) {
				outbox.put("missingTopics", this.kafka.missingTopics(relay.failingTopics().keySet()));
			}
			status = worst(status, DEGRADED);
		}
		return status;
	}

	private Status deadLetters(Map<String, Object> details) {
		if (this.deadLetters == null) {
			return Status.UP;
		}
		Map<String, Map<String, Long>> counts = this.deadLetters.counts();
		long total = counts.values().stream().flatMap((reasons) -> reasons.values().stream()).mapToLong(Long::longValue)
			.sum();
		Status status = (total > 0 && this.degradedByDeadLetters) ? DEGRADED : Status.UP;
		Map<String, Object> deadLetters = new LinkedHashMap<>();
		deadLetters.put("status", status.getCode());
		deadLetters.put("total", total);
		deadLetters.put("handlers", counts);
		details.put("deadLetters", deadLetters);
		return status;
	}

	private Status handlers(Map<String, Object> details) {
		List<String> ids = this.handlerIds.get();
		if (this.listeners == null || ids.isEmpty()) {
			return Status.UP;
		}
		Status status = Status.UP;
		Map<String, Object> handlers = new LinkedHashMap<>();
		for (String id : ids) {
			HandlerContainerState state = HandlerContainerState.of(this.listeners.getListenerContainer(id));
			handlers.put(id, state.toDetails());
			if (!state.running()) {
				status = Status.DOWN;
			}
		}
		details.put("handlers", handlers);
		return status;
	}

}
