package dev.events.endpoint;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
import dev.events.replay.ReplayMode;
import dev.events.replay.ReplayRequest;
import dev.events.replay.Replays;

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
 * {@code events.handlers.pause-check-interval};</li>
 * <li>{@code POST /actuator/events/handlers/replay} with {@code handler}, {@code from}, optionally
 * {@code to}, {@code mode} ({@code redeliver}, the default, or {@code rehandle}) and
 * {@code force}: cluster-wide, each partition is replayed once by the instance holding it;
 * {@code GET /actuator/events/replays} and {@code GET /actuator/events/replays/{id}} show each
 * request's windows;</li>
 * <li>{@code POST /actuator/events/outbox/republish} with {@code from}, {@code to} and optionally
 * {@code type}: retained outbox events of that time range are sent again with their ids.</li>
 * </ul>
 * Times are ISO-8601 instants, such as {@code 2026-11-30T18:00:00Z}.
 * Header and payload values of dead letters are masked unless {@code show-values} allows them.
 */
@Endpoint(id = "events")
public class EventsEndpoint {

	private static final String DEAD_LETTERS = "dead-letters";

	private static final String PARKED = "parked";

	private static final String HANDLERS = "handlers";

	private static final String REPLAYS = "replays";

	private static final String OUTBOX = "outbox";

	private static final int DEFAULT_PAGE_SIZE = 50;

	private static final int MAX_PAGE_SIZE = 500;

	private final HandlersReport handlers;

	private final @Nullable DeadLetters deadLetters;

	private final @Nullable HandlerPauses pauses;

	private final @Nullable Replays replays;

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
	 * @param replays replays handlers cluster-wide, {@code null} without a database for it
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
			@Nullable HandlerPauses pauses, @Nullable Replays replays, @Nullable DeadLetterStore deadLetterStore,
			@Nullable OutboxStore outbox,
			@Nullable OutboxMonitor outboxMonitor, Supplier<@Nullable RelayState> relay,
			Supplier<Map<Integer, String>> shardOwners, Map<String, Object> publisher, Show showValues,
			Set<String> roles, Clock clock) {
		this.handlers = handlers;
		this.deadLetters = deadLetters;
		this.pauses = pauses;
		this.replays = replays;
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
	 * List dead letters, parked events or replays.
	 * @param section {@code dead-letters}, {@code parked} or {@code replays}
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
			case REPLAYS -> replays().list();
			default -> throw unknownSection(section);
		};
	}

	/**
	 * Show one dead letter or replay.
	 * @param section {@code dead-letters} or {@code replays}
	 * @param id the dead letter's or the replay's id
	 * @param securityContext who asks, for {@code show-values}
	 * @return the dead letter or replay, {@code null} (404) when there is none with that id
	 */
	@ReadOperation
	public @Nullable Object show(@Selector String section, @Selector String id, SecurityContext securityContext) {
		return switch (section) {
			case DEAD_LETTERS -> {
				DeadLetter deadLetter = deadLetterStore().find(deadLetterId(id)).orElse(null);
				yield (deadLetter != null)
						? DeadLetterView.of(deadLetter, this.showValues.isShown(securityContext, this.roles)) : null;
			}
			case REPLAYS -> replays().find(id).orElse(null);
			default -> throw unknownSection(section);
		};
	}

	private static long deadLetterId(String id) {
		try {
			return Long.parseLong(id);
		}
		catch (NumberFormatException ex) {
			throw new InvalidEndpointRequestException("A dead letter's id is a number: '%s' is not".formatted(id),
					"Invalid id");
		}
	}

	/**
	 * Retry or discard dead letters or parked events; pause, resume or replay a handler;
	 * republish outbox events.
	 * @param section {@code dead-letters}, {@code parked}, {@code handlers} or {@code outbox}
	 * @param action {@code retry} or {@code discard}; {@code pause}, {@code resume} or
	 * {@code replay}; {@code republish}
	 * @param id a dead letter's id
	 * @param handler a handler
	 * @param key a key of that handler
	 * @param eventId a parked event's id
	 * @param from the start of a replayed or republished time range
	 * @param to the end of that range, exclusive
	 * @param mode {@code redeliver} (the default) or {@code rehandle}
	 * @param force whether to redeliver from before the inbox retention
	 * @param type the event type republished, all types if absent
	 * @return what was done
	 */
	@WriteOperation
	public Map<String, Object> act(@Selector String section, @Selector String action, @Nullable Long id,
			@Nullable String handler, @Nullable String key, @Nullable String eventId, @Nullable String from,
			@Nullable String to, @Nullable String mode, @Nullable Boolean force, @Nullable String type) {
		return switch (section) {
			case DEAD_LETTERS -> deadLetterAction(action, id, handler, key);
			case PARKED -> parkedAction(action, eventId);
			case HANDLERS -> ("replay".equals(action)) ? replay(handler, from, to, mode, Boolean.TRUE.equals(force))
					: handlerAction(action, handler);
			case OUTBOX -> republish(action, from, to, type);
			default -> throw unknownSection(section);
		};
	}

	private Map<String, Object> replay(@Nullable String handler, @Nullable String from, @Nullable String to,
			@Nullable String mode, boolean force) {
		Replays replays = replays();
		ReplayMode replayMode = replayMode(mode);
		Instant start = instant("from", required("from", from));
		Instant end = (to != null) ? instant("to", to) : null;
		try {
			ReplayRequest request = replays.request(required("handler", handler), replayMode, start, end, force);
			Map<String, Object> requested = new LinkedHashMap<>();
			requested.put("id", request.id());
			requested.put("handler", request.handlerId());
			requested.put("mode", request.mode());
			requested.put("from", request.from());
			requested.put("to", request.to());
			return requested;
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			throw new InvalidEndpointRequestException(ex.getMessage(), "Replay refused");
		}
	}

	private static ReplayMode replayMode(@Nullable String mode) {
		if (mode == null) {
			return ReplayMode.REDELIVER;
		}
		try {
			return ReplayMode.valueOf(mode.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEndpointRequestException("Unknown mode '%s': use redeliver or rehandle".formatted(mode),
					"Unknown mode");
		}
	}

	private Map<String, Object> republish(String action, @Nullable String from, @Nullable String to,
			@Nullable String type) {
		if (!"republish".equals(action)) {
			throw new InvalidEndpointRequestException("Unknown action '%s': use republish".formatted(action),
					"Unknown action");
		}
		Instant start = instant("from", required("from", from));
		Instant end = instant("to", required("to", to));
		if (!end.isAfter(start)) {
			throw new InvalidEndpointRequestException("'to' (%s) is not after 'from' (%s)".formatted(end, start),
					"Invalid range");
		}
		return Map.of("republished", outboxStore().republish(start, end, type));
	}

	private static String required(String name, @Nullable String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidEndpointRequestException("'%s' is required".formatted(name), "Missing " + name);
		}
		return value;
	}

	private static Instant instant(String name, String value) {
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidEndpointRequestException(
					"'%s' is an ISO-8601 instant, such as 2026-11-30T18:00:00Z: '%s' is not".formatted(name, value),
					"Invalid " + name);
		}
	}

	private Map<String, Object> handlerAction(String action, @Nullable String handler) {
		if (this.pauses == null) {
			throw new InvalidEndpointRequestException("Handlers are paused through the database, on Kafka: here there "
					+ "is no database, or events stay in memory", "No pauses");
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

	private Replays replays() {
		if (this.replays == null) {
			throw new InvalidEndpointRequestException("Replays are requested through the database, and there is none "
					+ "here", "No database");
		}
		return this.replays;
	}

	private OutboxStore outboxStore() {
		if (this.outbox == null) {
			throw new InvalidEndpointRequestException("There is no outbox here", "No outbox");
		}
		return this.outbox;
	}

	private static InvalidEndpointRequestException unknownSection(String section) {
		return new InvalidEndpointRequestException("Unknown section '%s': use %s, %s, %s, %s or %s"
			.formatted(section, DEAD_LETTERS, PARKED, HANDLERS, REPLAYS, OUTBOX), "Unknown section");
	}

	private static InvalidEndpointRequestException unknownAction(String action) {
		return new InvalidEndpointRequestException("Unknown action '%s': use retry or discard".formatted(action),
				"Unknown action");
	}

}
