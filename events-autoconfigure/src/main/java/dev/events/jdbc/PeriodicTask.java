package dev.events.jdbc;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Background work on the events tables (cleanups, retries), run at a fixed delay on a daemon
 * thread of its own while the application runs. A run that fails is logged and tried again after
 * the delay.
 */
public abstract class PeriodicTask implements SmartLifecycle {

	private final Log logger = LogFactory.getLog(getClass());

	private final String threadName;

	private final String description;

	private final Duration interval;

	private @Nullable ScheduledExecutorService scheduler;

	/**
	 * Create the task.
	 * @param threadName the name of its thread
	 * @param description what it does, for the log, such as {@code "delete old inbox rows"}
	 * @param interval the delay between the end of a run and the start of the next
	 */
	protected PeriodicTask(String threadName, String description, Duration interval) {
		this.threadName = threadName;
		this.description = description;
		this.interval = interval;
	}

	/**
	 * Do the work once.
	 */
	protected abstract void runOnce();

	@Override
	public synchronized void start() {
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, this.threadName);
			thread.setDaemon(true);
			return thread;
		});
		scheduler.scheduleWithFixedDelay(this::runQuietly, this.interval.toMillis(), this.interval.toMillis(),
				TimeUnit.MILLISECONDS);
		this.scheduler = scheduler;
	}

	private void runQuietly() {
		try {
			runOnce();
		}
		catch (RuntimeException ex) {
			this.logger.warn("Could not " + this.description + "; trying again in " + this.interval, ex);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

}
