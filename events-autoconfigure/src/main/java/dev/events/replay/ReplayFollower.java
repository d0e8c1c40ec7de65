package dev.events.replay;

import java.time.Clock;
import java.time.Duration;

import dev.events.jdbc.PeriodicTask;

/**
 * Reads the replay requests stored for the cluster into this instance's {@link PartitionReplayer},
 * and deletes requests older than their retention.
 */
public class ReplayFollower extends PeriodicTask {

	private final ReplayStore store;

	private final PartitionReplayer replayer;

	private final Duration retention;

	private final Clock clock;

	/**
	 * Create the follower.
	 * @param store the requests
	 * @param replayer applies them on this instance
	 * @param interval how often the requests are read
	 * @param retention how long requests are kept
	 * @param clock the clock
	 */
	public ReplayFollower(ReplayStore store, PartitionReplayer replayer, Duration interval, Duration retention,
			Clock clock) {
		super("events-replays", "follow the replay requests", interval);
		this.store = store;
		this.replayer = replayer;
		this.retention = retention;
		this.clock = clock;
	}

	@Override
	protected void runOnce() {
		this.store.deleteRequestedBefore(this.clock.instant().minus(this.retention));
		this.replayer.follow(this.store.requests());
	}

}
