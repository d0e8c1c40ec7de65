package dev.events.replay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionOperations;

import dev.events.inbox.InboxStore;

/**
 * Requests replays of event handlers, for the whole cluster: the request is stored once, and each
 * partition of the handler is replayed by whichever instance holds it.
 */
public class Replays {

	private static final Log logger = LogFactory.getLog(Replays.class);

	private final ReplayStore store;

	private final @Nullable InboxStore inbox;

	private final Duration inboxRetention;

	private final Predicate<String> handlers;

	private final TransactionOperations transactions;

	private final Clock clock;

	/**
	 * Create the replays.
	 * @param store the requests and their windows
	 * @param inbox the inbox, {@code null} when handlers have none
	 * @param inboxRetention how long the inbox remembers an event
	 * @param handlers whether a handler with a given id is registered
	 * @param transactions the transactions of the events database
	 * @param clock the clock
	 */
	public Replays(ReplayStore store, @Nullable InboxStore inbox, Duration inboxRetention, Predicate<String> handlers,
			TransactionOperations transactions, Clock clock) {
		this.store = store;
		this.inbox = inbox;
		this.inboxRetention = inboxRetention;
		this.handlers = handlers;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Replay a handler's records from a time, and up to one if given.
	 * @param handlerId the handler
	 * @param mode whether events the handler has handled are skipped or handled again
	 * @param from the earliest record time replayed
	 * @param to the record time the replay stops at, exclusive, or {@code null} to replay up to
	 * what each partition had handled when its replay began
	 * @param force replay with {@link ReplayMode#REDELIVER} from before the inbox retention or
	 * without an inbox, although events the inbox does not know will be handled twice
	 * @return the stored request
	 * @throws IllegalArgumentException if there is no such handler or the range is not one
	 * @throws IllegalStateException if a redelivery starts before the inbox retention, or the
	 * handler has no inbox, and it is not forced
	 */
	public ReplayRequest request(String handlerId, ReplayMode mode, Instant from, @Nullable Instant to,
			boolean force) {
		Instant now = this.clock.instant();
		check(handlerId, mode, from, to, force, now);
		ReplayRequest request = new ReplayRequest(UUID.randomUUID().toString(), handlerId, mode, from, to, now);
		int forgotten = Objects.requireNonNull(this.transactions.execute((status) -> {
			int forgottenEntries = (mode == ReplayMode.REHANDLE && this.inbox != null)
					? this.inbox.forget(handlerId, from, to) : 0;
			this.store.save(request);
			return forgottenEntries;
		}));
		logger.info("Replay %s of handler '%s' requested (%s from %s%s)%s".formatted(request.id(), handlerId, mode,
				from, (to != null) ? " to " + to : "",
				(mode == ReplayMode.REHANDLE) ? "; its inbox forgot " + forgotten + " events of the range" : ""));
		return request;
	}

	private void check(String handlerId, ReplayMode mode, Instant from, @Nullable Instant to, boolean force,
			Instant now) {
		if (!this.handlers.test(handlerId)) {
			throw new IllegalArgumentException("No event handler has the id '%s'".formatted(handlerId));
		}
		if (from.isAfter(now)) {
			throw new IllegalArgumentException("A replay starts in the past: %s is after now (%s)".formatted(from, now));
		}
		if (to != null && !to.isAfter(from)) {
			throw new IllegalArgumentException("A replay ends after it starts: %s is not after %s".formatted(to, from));
		}
		if (mode != ReplayMode.REDELIVER || force) {
			return;
		}
		if (this.inbox == null) {
			throw new IllegalStateException(("Handler '%s' has no inbox to skip what it handled: a redelivery would "
					+ "handle every event of the range again. Rehandle, or force the redelivery").formatted(handlerId));
		}
		Instant remembered = now.minus(this.inboxRetention);
		if (from.isBefore(remembered)) {
			throw new IllegalStateException(("The inbox remembers events for %s, since %s: events of handler '%s' "
					+ "before that would be handled twice. Start later, or force the redelivery")
				.formatted(this.inboxRetention, remembered, handlerId));
		}
	}

	/**
	 * Return every request kept, oldest first, with the windows its partitions replay.
	 * @return the requests and their progress
	 */
	public List<ReplayProgress> list() {
		return this.store.requests()
			.stream()
			.map((request) -> new ReplayProgress(request, this.store.windows(request.id())))
			.toList();
	}

	/**
	 * Find a request and the windows its partitions replay.
	 * @param id the request's id
	 * @return the request and its progress, if kept
	 */
	public Optional<ReplayProgress> find(String id) {
		return this.store.find(id).map((request) -> new ReplayProgress(request, this.store.windows(id)));
	}

}
