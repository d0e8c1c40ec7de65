package dev.events.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.PessimisticLockingFailureException;

import dev.events.publish.EventSender;

/**
 * Drains the outbox to Kafka. One thread per instance reads pending events of the shards this
 * instance leases, in sequence order, sends them asynchronously as one batch, waits for the
 * broker's acknowledgements and then records the outcome. When a batch is full (a backlog), the
 * next one is read while the broker acknowledges it, and sent once every event of it is
 * delivered, unless an event committed since with an earlier sequence comes first (then the next
 * batch is read again): the database works while the broker does. A second thread renews the
 * leases and rebalances them at a fixed interval, however long a round takes; shards with sends
 * in flight are never given up before those sends are done. Where the store
 * {@linkplain OutboxStore#boundsClaims() bounds claims}, each read starts just below the last
 * events sent instead of at the lowest sequence ({@link ClaimBound}).
 * <p>
 * A failed send holds its shard back with exponential backoff and leaves the event pending.
 * Failures that waiting may fix (the broker is unreachable, the topic does not exist yet, too
 * few in-sync replicas) are waited out however long they last; only failures that cannot pass
 * (the record is too large or invalid, the application is not authorized) count, and after
 * {@link OutboxRelaySettings#maxAttempts()} of them the event is parked. A parked event holds
 * the later events of its key behind it until it is retried or discarded; other keys move on.
 * Events of a key sent in the same round after one that failed are sent again after it, so the
 * key's order holds (see {@link RelayRound}).
 */
public class OutboxRelay implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(OutboxRelay.class);

	private static final int MARK_SENT_ATTEMPTS = 3;

	private final OutboxStore store;

	private final ShardLeases leases;

	private final EventSender sender;

	private final OutboxRelaySettings settings;

	private final Clock clock;

	private final ShardBackoff backoff;

	private final ClaimBounds bounds;

	private final Counter sent;

	private final Counter failed;

	private final Counter parked;

	private final Semaphore wakeUp = new Semaphore(0);

	private final Map<String, String> failingTopics = new ConcurrentHashMap<>();

	private final Object claimLock = new Object();

	private volatile boolean running;

	private volatile @Nullable Thread thread;

	private @Nullable ScheduledExecutorService leaseKeeper;

	private volatile @Nullable LeasedShards leased;

	private volatile Set<Integer> shardsInFlight = Set.of();

	private @Nullable Claim prefetched;

	private Instant cleanedUpAt;

	/**
	 * Create a relay.
	 * @param store the outbox
	 * @param leases the shard leases of this instance
	 * @param sender sends events to the broker
	 * @param settings batch size, intervals, attempts, backoff and retention
	 * @param clock the clock for backoff and clean-up; leases use the database's
	 * @param meterRegistry where the relay counts sent, failed and parked events
	 */
	public OutboxRelay(OutboxStore store, ShardLeases leases, EventSender sender, OutboxRelaySettings settings,
			Clock clock, MeterRegistry meterRegistry) {
		this.store = store;
		this.leases = leases;
		this.sender = sender;
		this.settings = settings;
		this.clock = clock;
		this.backoff = new ShardBackoff(settings.initialBackoff(), settings.maxBackoff());
		this.bounds = new ClaimBounds(store.boundsClaims());
		this.cleanedUpAt = clock.instant();
		this.sent = Counter.builder("events.relay.sent")
			.description("Outbox events the broker acknowledged")
			.register(meterRegistry);
		this.failed = Counter.builder("events.relay.failed")
			.description("Failed sends of outbox events, each to be retried or parked")
			.register(meterRegistry);
		this.parked = Counter.builder("events.relay.parked")
			.description("Outbox events parked after too many failed sends")
			.register(meterRegistry);
	}

	/**
	 * Tell the relay that new events were committed, so it sends them without waiting for the
	 * next poll.
	 */
	public void wakeUp() {
		if (this.wakeUp.availablePermits() == 0) {
			this.wakeUp.release();
		}
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.prefetched = null;
		ScheduledExecutorService keeper = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread keeperThread = new Thread(task, "events-outbox-leases");
			keeperThread.setDaemon(true);
			return keeperThread;
		});
		keeper.scheduleWithFixedDelay(this::renewLeases, 0, this.settings.leaseRefreshInterval().toMillis(),
				TimeUnit.MILLISECONDS);
		this.leaseKeeper = keeper;
		Thread relayThread = new Thread(this::run, "events-outbox-relay");
		relayThread.setDaemon(true);
		relayThread.start();
		this.thread = relayThread;
	}

	/**
	 * Stop relaying: wait for the current round up to the lease duration, then give up this
	 * instance's shards, so another instance takes them at once. A round still sending by then
	 * keeps its shards: they pass to another instance only once their leases expire.
	 */
	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		wakeUp();
		Thread relayThread = this.thread;
		boolean roundDone = awaitTermination(relayThread);
		if (this.leaseKeeper != null) {
			this.leaseKeeper.shutdownNow();
			this.leaseKeeper = null;
		}
		if (!roundDone) {
			logger.warn("The outbox relay is still sending after " + this.settings.leaseDuration()
					+ "; its shards pass to other instances once their leases expire");
			return;
		}
		try {
			this.leases.releaseAll();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not release outbox shard leases; other instances take them over once they expire", ex);
		}
	}

	private boolean awaitTermination(@Nullable Thread relayThread) {
		if (relayThread == null) {
			return true;
		}
		try {
			relayThread.join(this.settings.leaseDuration().toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return !relayThread.isAlive();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void renewLeases() {
		try {
			LeasedShards previous;
			LeasedShards renewed;
			synchronized (this.claimLock) {
				previous = this.leased;
				renewed = this.leases.refresh(this.shardsInFlight);
				this.leased = renewed;
			}
			if (previous == null || previous.shardCount() != renewed.shardCount()
					|| !previous.shards().containsAll(renewed.shards())) {
				wakeUp();
			}
		}
		catch (Throwable ex) {
			logger.warn("Could not renew outbox shard leases; trying again in " + this.settings.leaseRefreshInterval(),
					ex);
		}
	}

	private void run() {
		while (this.running) {
			try {
				if (relayOnce() < this.settings.batchSize()) {
					awaitWakeUp();
				}
			}
			catch (Throwable ex) {
				logger.error("Outbox relay round failed; retrying in " + this.settings.pollInterval(), ex);
				sleep();
			}
		}
	}

	/**
	 * Send one batch of pending events of this instance's shards: the one read while the last
	 * was sent, if it still comes first, else one read now. A full batch has the next one read
	 * while it is sent.
	 * @return the number of events read
	 */
	int relayOnce() {
		Instant now = this.clock.instant();
		cleanUpIfDue(now);
		Claim current = prefetchedOrClaim(now);
		if (current == null) {
			this.shardsInFlight = Set.of();
			return 0;
		}
		try {
			RelayRound round = RelayRound.send(current.entries(), this.sender);
			Claim next = (current.entries().size() == this.settings.batchSize()) ? readAhead(now, current) : null;
			boolean allSent = complete(current, round.await());
			this.bounds.roundEnded(allSent);
			if (allSent) {
				this.prefetched = next;
			}
		}
		finally {
			this.shardsInFlight = (this.prefetched != null) ? this.prefetched.shards() : Set.of();
		}
		return current.entries().size();
	}

	/**
	 * Read the batch after a full one while that one is sent. A failed read leaves the round to
	 * finish as if there were none: the next batch is read after it.
	 */
	private @Nullable Claim readAhead(Instant now, Claim current) {
		try {
			return claim(now, current.lastSequence(), this.settings.batchSize(), current.shards());
		}
		catch (RuntimeException ex) {
			logger.debug("Reading the next batch of outbox events ahead failed; it is read after this round", ex);
			return null;
		}
	}

	/**
	 * Return the batch read while the last one was sent if it may still go first: its shards
	 * are all still leased and not backing off, and no event that belongs before it has become
	 * pending since (committed late, with an earlier sequence: the events of its key published
	 * after it may be in that batch). Else return a batch read now.
	 */
	private @Nullable Claim prefetchedOrClaim(Instant now) {
		Claim next = this.prefetched;
		this.prefetched = null;
		if (next != null) {
			Claim first = claim(now, Long.MIN_VALUE, 1, next.shards());
			if (first != null && first.leased().shards().containsAll(next.shards())
					&& first.entries().get(0).sequence() == next.entries().get(0).sequence()) {
				return next;
			}
		}
		return claim(now, Long.MIN_VALUE, this.settings.batchSize(), Set.of());
	}

	/**
	 * Read pending events of the shards leased and not backing off, and count their shards in
	 * flight beside the given ones, so the leases keep them.
	 * @return the events read, or {@code null} if there are none
	 */
	private @Nullable Claim claim(Instant now, long after, int limit, Set<Integer> alsoInFlight) {
		synchronized (this.claimLock) {
			LeasedShards current = this.leased;
			if (current == null) {
				return null;
			}
			LeasedShards available = current.only(this.backoff.available(current.shards(), now));
			List<OutboxEntry> entries = findPending(available, after, limit);
			if (entries.isEmpty()) {
				return null;
			}
			Claim claim = Claim.of(available, entries);
			Set<Integer> inFlight = new HashSet<>(alsoInFlight);
			inFlight.addAll(claim.shards());
			this.shardsInFlight = Set.copyOf(inFlight);
			return claim;
		}
	}

	/**
	 * Read pending events; a read from the lowest sequence reads within the bound of the claims
	 * before, and moves it up once what it returned is sent.
	 */
	private List<OutboxEntry> findPending(LeasedShards available, long after, int limit) {
		if (after != Long.MIN_VALUE) {
			return this.store.findPending(available, after, limit);
		}
		ClaimBound bound = this.bounds.forClaim(available);
		PendingEvents pending = this.store.findPending(available, after, bound, limit);
		this.bounds.claimed(bound, pending);
		return pending.entries();
	}

	private void cleanUpIfDue(Instant now) {
		if (!this.settings.retention().isZero()
				&& !now.isBefore(this.cleanedUpAt.plus(this.settings.cleanupInterval()))) {
			int deleted = this.store.deleteSentBefore(now.minus(this.settings.retention()),
					this.settings.cleanupBatchSize());
			if (deleted < this.settings.cleanupBatchSize()) {
				this.cleanedUpAt = now;
			}
			if (deleted > 0 && logger.isDebugEnabled()) {
				logger.debug("Deleted " + deleted + " sent outbox events older than " + this.settings.retention());
			}
		}
	}

	/**
	 * Record what became of a batch's sends.
	 * @return whether every event of the batch was delivered and recorded as sent
	 */
	private boolean complete(Claim batch, RelayRound.Outcome outcome) {
		LeasedShards claim = batch.leased();
		int marked = markSent(claim, outcome.delivered());
		this.sent.increment(outcome.delivered().size());
		if (marked < outcome.delivered().size()) {
			logger.info(("%d sent outbox events were not marked sent: this instance lost their shards, whose new "
					+ "owner sends them again").formatted(outcome.delivered().size() - marked));
		}
		Set<Integer> failedShards = new HashSet<>();
		outcome.failed().forEach((failure) -> failedShards.add(failure.entry().shard()));
		outcome.delivered().forEach((entry) -> {
			this.failingTopics.remove(entry.event().topic());
			if (!failedShards.contains(entry.shard())) {
				this.backoff.succeeded(entry.shard());
			}
		});
		if (!outcome.failed().isEmpty()) {
			recordFailures(claim, outcome.failed());
		}
		return marked == batch.entries().size();
	}

	/**
	 * Record events as sent, again when the database picked the statement as a deadlock's loser
	 * (MariaDB, with other instances' statements): it rolled back, and giving up here would have
	 * the whole batch sent again.
	 */
	private int markSent(LeasedShards claim, List<OutboxEntry> delivered) {
		for (int attempt = 1;; attempt++) {
			try {
				return this.store.markSent(claim, delivered);
			}
			catch (PessimisticLockingFailureException ex) {
				if (attempt == MARK_SENT_ATTEMPTS) {
					throw ex;
				}
				logger.debug("Recording sent outbox events lost a lock conflict; trying again", ex);
			}
		}
	}

	private void recordFailures(LeasedShards claim, List<RelayRound.Failure> failures) {
		Instant now = this.clock.instant();
		Map<Integer, Duration> heldBack = new TreeMap<>();
		Map<String, String> reasons = new LinkedHashMap<>();
		for (RelayRound.Failure failure : failures) {
			OutboxEntry entry = failure.entry();
			String reason = NestedExceptionUtils.getMostSpecificCause(failure.cause()).toString();
			this.failed.increment();
			if (failure.permanent() && this.store.recordFailure(claim, entry, reason, this.settings.maxAttempts())) {
				this.parked.increment();
				logger.error(("Parked outbox event %s of type '%s' for topic '%s' after %d failed attempts; later events "
						+ "of key '%s' wait until it is retried or discarded: %s").formatted(entry.event().id(),
								entry.event().type(), entry.event().topic(), entry.attempts() + 1, entry.event().key(),
								reason));
			}
			else {
				heldBack.computeIfAbsent(entry.shard(), (shard) -> this.backoff.failed(shard, now));
			}
			if (!failure.permanent()) {
				this.failingTopics.put(entry.event().topic(), reason);
			}
			reasons.putIfAbsent(entry.event().topic(), reason);
		}
		reasons.forEach((topic, reason) -> logger.warn("Sending outbox events to topic '%s' failed, retrying shards %s: %s"
			.formatted(topic, heldBack, reason)));
	}

	/**
	 * Return whether the relay runs and which topics it is waiting for.
	 * @return the relay's state
	 */
	public RelayState state() {
		Thread relayThread = this.thread;
		LeasedShards current = this.leased;
		return new RelayState(this.running && relayThread != null && relayThread.isAlive(),
				(current != null) ? current.shards().size() : 0, Map.copyOf(this.failingTopics));
	}

	private void awaitWakeUp() {
		try {
			this.wakeUp.tryAcquire(this.settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
			this.wakeUp.drainPermits();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

	private void sleep() {
		try {
			Thread.sleep(this.settings.pollInterval().toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

	/**
	 * Events read for one round, in sequence order, the leases they were read under, and their
	 * shards.
	 */
	private record Claim(LeasedShards leased, List<OutboxEntry> entries, Set<Integer> shards) {

		static Claim of(LeasedShards leased, List<OutboxEntry> entries) {
			return new Claim(leased, entries,
					entries.stream().map(OutboxEntry::shard).collect(Collectors.toUnmodifiableSet()));
		}

		long lastSequence() {
			return this.entries.get(this.entries.size() - 1).sequence();
		}

	}

}
