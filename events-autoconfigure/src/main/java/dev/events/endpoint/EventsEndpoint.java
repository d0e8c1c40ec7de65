package dev.events.endpoint;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

import dev.events.deadletter.DeadLetter;
import dev.events.deadletter.DeadLetterQuery;
import dev.events.deadletter.DeadLetterStore;
import dev.events.deadletter.DeadLetters;
import dev.events.deadletter.RetryResult;
import dev.events.outbox.OutboxBacklog;
import dev.events.outbox.OutboxMonitor;
import dev.events.outbox.OutboxStore;
import dev.events.outbox.RelayState;
import dev.events.pause.HandlerPauses;

/**
 * The {@code events} actuator endpoint, for the person on call:
 * <ul>
 * <li>{@code GET /actuator/events}: handlers, outbox (with the instance leasing each shard) and
 * publisher;</li>
 * <li>{@code GET /actuator/events/dead-letters?handler=&key=&reason=&page=&size=} and
 * {@code GET /actuator/events/dead-letters/{id}};</li>
 * <li>{@code POST /actuator/events/dead-letters/retry} with {@code id}, or {@code handler} and
 * {@code key} (a sequence), or {@code handler} alone (all of it);</li>
 * <li>{@code POST /actuator/events/dead-letters/discard} with {@code id}, or {@code handler} and
 * {@code key} (a whole sequence);</li>
 * <li>{@code GET /actuator/events/parked}, {@code POST /actuator/events/parked/retry} (with
 * {@code eventId}, or without for all), {@code POST /actuator/events/parked/discard} with
 * {@code eventId};</li>
 * <li>{@code POST /actuator/events/handlers/pause} and {@code .../resume} with {@code handler}:
 * cluster-wide, every instance's containers follow within
 * {@code events.handlers.pause-check-interval}.</li>
 * </ul>
 * Header and payload values of dead letters are masked unless {@code show-values} allows them.
 */
@Endpoint(id = "events")
public class EventsEndpoint {

	private static final String DEAD_LETTERS = "dead-letters";

	private static final String PARKED = "parked";

	private static final String HANDLERS = "handlers";

	private static final int DEFAULT_PAGE_SIZE = 50;

	private static final int MAX_PAGE_SIZE = 500;

	private final HandlersReport handlers;

	private final @Nullable DeadLetters deadLetters;

	private final @Nullable HandlerPauses pauses;

	private final @Nullable DeadLetterStore deadLetterStore;

	private final @Nullable OutboxStore outbox;

	private final @Nullable OutboxMonitor outboxMonitor;

	private final Supplier<@Nullable RelayState> relay;

	private final Supplier<Map<Integer, String>> shardOwners;

	private final Map<String, Object> publisher;

	private final Show showValues;

	private final Set<String> roles;

	private final Clock clock;

	/**
	 * Create the endpoint.
	 * @param handlers describes the handlers
	 * @param deadLetters retries and discards dead letters, {@code null} without them
	 * @param pauses pauses handlers cluster-wide, {@code null} without a database for it
	 * @param deadLetterStore reads dead letters, {@code null} without them
	 * @param outbox the outbox, {@code null} without one
	 * @param outboxMonitor reads its backlog, {@code null} without an outbox
	 * @param relay the state of this instance's relay, {@code null} when it has none
	 * @param shardOwners which instance leases each outbox shard
	 * @param publisher how events are published, for the read view
	 * @param showValues when header and payload values are shown
	 * @param roles the roles that may see them with {@link Show#WHEN_AUTHORIZED}; none for any
	 * authenticated user
	 * @param clock the clock
	 */
	public EventsEndpoint(HandlersReport handlers, @Nullable DeadLetters deadLetters,
			@Nullable HandlerPauses pauses, @Nullable DeadLetterStore deadLetterStore, @Nullable OutboxStore outbox,
			@Nullable OutboxMonitor outboxMonitor, Supplier<@Nullable RelayState> relay,
			Supplier<Map<Integer, String>> shardOwners, Map<String, Object> publisher, Show showValues,
			Set<String> roles, Clock clock) {
		this.handlers = handlers;
		this.deadLetters = deadLetters;
		this.pauses = pauses;
		this.deadLetterStore = deadLetterStore;
		this.outbox = outbox;
		this.outboxMonitor = outboxMonitor;
		this.relay = relay;
		this.shardOwners = shardOwners;
		this.publisher = Map.copyOf(publisher);
		this.showValues = showValues;
		this.roles = Set.copyOf(roles);
		this.clock = clock;
	}

	/**
	 * Describe the handlers, the outbox and the publisher.
	 * @return the description
	 */
	@ReadOperation
	public Map<String, Object> events() {
		Map<String, Object> events = new LinkedHashMap<>();
		events.put("handlers", this.handlers.handlers());
		events.put("outbox", outbox());
		events.put("publisher", this.publisher);
		return events;
	}

	private @Nullable Map<String, Object> outbox() {
		if (this.outboxMonitor == null) {
			return null;
		}
		OutboxBacklog backlog = this.outboxMonitor.backlog();
		Map<String, Object> outbox = new LinkedHashMap<>();
		outbox.put("pending", backlog.pending());
		outbox.put("oldestPendingAge", backlog.oldestPendingAge(this.clock.instant()).toString());
		outbox.put("parked", backlog.parked());
		RelayState relay = this.relay.get();
		if (relay != null) {
			outbox.put("relay", relay.running() ? "running" : "stopped");
			outbox.put("leasedShards", relay.leasedShards());
			outbox.put("failingTopics", relay.failingTopics());
		}
		outbox.put("shardOwners", this.shardOwners.get());
		return outbox;
	}

	/**
	 * List dead letters or parked events.
	 * @param section {@code dead-letters} or {@code parked}
	 * @param handler dead letters of this handler only
	 * @param key dead letters of this key only
	 * @param reason dead letters with this reason only
	 * @param page the page, from 0
	 * @param size the most on a page (50 by default, at most 500)
	 * @param securityContext who asks, for {@code show-values}
	 * @return the page
	 */
	@ReadOperation
	public List<?> list(@Selector String section, @Nullable String handler, @Nullable String key,
			@Nullable String reason, @Nullable Integer page, @Nullable Integer size, SecurityContext securityContext) {
		int pageSize = (size != null) ? Math.min(Math.max(size, 1), MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
		return switch (section) {
			case DEAD_LETTERS -> {
				boolean shown = this.showValues.isShown(securityContext, this.roles);
				yield deadLetterStore().list(new DeadLetterQuery(handler, key, reason, (page != null) ? page : 0, pageSize))
					.stream()
					.map((deadLetter) -> DeadLetterView.of(deadLetter, shown))
					.toList();
			}
			case PARKED -> outboxStore().findParked(pageSize);
			default -> throw unknownSection(section);
		};
	}

	/**
	 * Show one dead letter.
	 * @param section {@code dead-letters}
	 * @param id the dead letter's id
	 * @param securityContext who asks, for {@code show-values}
	 * @return the dead letter, {@code null} (404) when there is none with that id
	 */
	@ReadOperation
	public @Nullable DeadLetterView show(@Selector String section, @Selector long id, SecurityContext securityContext) {
		if (!DEAD_LETTERS.equals(section)) {
			throw unknownSection(section);
		}
		DeadLetter deadLetter = deadLetterStore().find(id).orElse(null);
		return (deadLetter != null)
				? DeadLetterView.of(deadLetter, this.showValues.isShown(securityContext, this.roles)) : null;
	}

	/**
	 * Retry or discard dead letters or parked events; pause or resume a handler.
	 * @param section {@code dead-letters}, {@code parked} or {@code handlers}
	 * @param action {@code retry} or {@code discard}; {@code pause} or {@code resume}
	 * @param id a dead letter's id
	 * @param handler a handler
	 * @param key a key of that handler
	 * @param eventId a parked event's id
	 * @return what was done
	 */
	@WriteOperation
	public Map<String, Object> act(@Selector String section, @Selector String action, @Nullable Long id,
			@Nullable String handler, @Nullable String key, @Nullable String eventId) {
		return switch (section) {
			case DEAD_LETTERS -> deadLetterAction(action, id, handler, key);
			case PARKED -> parkedAction(action, eventId);
			case HANDLERS -> handlerAction(action, handler);
			default -> throw unknownSection(section);
		};
	}

	private Map<String, Object> handlerAction(String action, @Nullable String handler) {
		if (this.pauses == null) {
			throw new InvalidEndpointRequestException("Handlers are paused through the database, and there is none here",
					"No database");
		}
		if (handler == null || !this.handlers.has(handler)) {
			throw new InvalidEndpointRequestException("Name a handler of this application: '%s' is none"
				.formatted(handler), "Unknown handler");
		}
		switch (action) {
			case "pause" -> this.pauses.pause(handler, this.clock.instant());
			case "resume" -> this.pauses.resume(handler);
			default -> throw new InvalidEndpointRequestException(
					"Unknown action '%s': use pause or resume".formatted(action), "Unknown action");
		}
		return Map.of("handler", handler, "pauseRequested", "pause".equals(action));
	}

	private Map<String, Object> deadLetterAction(String action, @Nullable Long id, @Nullable String handler,
			@Nullable String key) {
		DeadLetters deadLetters = deadLetters();
		return switch (action) {
			case "retry" -> {
				if (id != null) {
					yield result(deadLetters.retry(id));
				}
				if (handler != null && key != null) {
					yield result(deadLetters.retrySequence(handler, key));
				}
				if (handler != null) {
					yield result(deadLetters.retryAll(handler));
				}
				throw new InvalidEndpointRequestException("Name the dead letters to retry: an id, a handler and a key, "
						+ "or a handler", "Missing id or handler");
			}
			case "discard" -> {
				if (id != null) {
					yield result(deadLetters.discard(id));
				}
				if (handler != null && key != null) {
					yield Map.of("discarded", deadLetters.discardSequence(handler, key));
				}
				throw new InvalidEndpointRequestException("Name the dead letters to discard: an id, or a handler and a "
						+ "key", "Missing id or handler and key");
			}
			default -> throw unknownAction(action);
		};
	}

	private static Map<String, Object> result(RetryResult result) {
		return Map.of("handled", result.handled(), "stillFailing", result.stillFailing());
	}

	private Map<String, Object> parkedAction(String action, @Nullable String eventId) {
		OutboxStore outbox = outboxStore();
		return switch (action) {
			case "retry" -> (eventId != null) ? Map.of("retried", outbox.retryParked(uuid(eventId)) ? 1 : 0)
					: Map.of("retried", outbox.retryAllParked());
			case "discard" -> {
				if (eventId == null) {
					throw new InvalidEndpointRequestException("Name the parked event to discard with eventId",
							"Missing eventId");
				}
				yield Map.of("discarded", outbox.discardParked(uuid(eventId)) ? 1 : 0);
			}
			default -> throw unknownAction(action);
		};
	}

	private static UUID uuid(String eventId) {
		try {
			return UUID.fromString(eventId);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEndpointRequestException("eventId '%s' is not a UUID".formatted(eventId),
					"Invalid eventId");
		}
	}

	private DeadLetterStore deadLetterStore() {
		if (this.deadLetterStore == null) {
			throw new InvalidEndpointRequestException("Dead letters are not kept in a database here",
					"No dead-letter store");
		}
		return this.deadLetterStore;
	}

	private DeadLetters deadLetters() {
		if (this.deadLetters == null) {
			throw new InvalidEndpointRequestException("Dead letters are not kept in a database here",
					"No dead-letter store");
		}
		return this.deadLetters;
	}

	private OutboxStore outboxStore() {
		if (this.outbox == null) {
			throw new InvalidEndpointRequestException("There is no outbox here", "No outbox");
		}
		return this.outbox;
	}

	private static InvalidEndpointRequestException unknownSection(String section) {
		return new InvalidEndpointRequestException("Unknown section '%s': use %s, %s or %s".formatted(section,
				DEAD_LETTERS, PARKED, HANDLERS), "Unknown section");
	}

	private static InvalidEndpointRequestException unknownAction(String action) {
		return new InvalidEndpointRequestException("Unknown action '%s': use retry or discard".formatted(action),
				"Unknown action");
	}

}
