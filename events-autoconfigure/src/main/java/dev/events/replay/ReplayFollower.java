package dev.events.replay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.events.jdbc.PeriodicTask;

/**
 * Reads the replay requests stored for the cluster into this instance's {@link PartitionReplayer}
 * while it has handlers, and deletes requests older than their retention once an hour.
 */
public class ReplayFollower extends PeriodicTask {

	private static final Duration CLEANUP_INTERVAL = Duration.ofHours(1);

	private final ReplayStore store;

	private final Supplier<? extends Collection<String>> handlerIds;

	private final PartitionReplayer replayer;

	private final Duration retention;

	private final Clock clock;

	private @Nullable Instant lastCleanup;

	/**
	 * Create the follower.
	 * @param store the requests
	 * @param replayer applies them on this instance
	 * @param handlerIds the handlers of this instance
	 * @param interval how often the requests are read
	 * @param retention how long requests are kept
	 * @param clock the clock
	 */
	public ReplayFollower(ReplayStore store, PartitionReplayer replayer,
			Supplier<? extends Collection<String>> handlerIds, Duration interval, Duration retention, Clock clock) {
		super("events-replays", "follow the replay requests", interval);
		this.store = store;
		this.handlerIds = handlerIds;
		this.replayer = replayer;
		this.retention = retention;
		this.clock = clock;
	}

	@Override
	protected void runOnce() {
		if (this.handlerIds.get().isEmpty()) {
			return;
		}
		Instant now = this.clock.instant();
		if (this.lastCleanup == null || !now.isBefore(this.lastCleanup.plus(CLEANUP_INTERVAL))) {
			this.store.deleteRequestedBefore(now.minus(this.retention));
			this.lastCleanup = now;
		}
		this.replayer.follow(this.store.requests());
	}

}
