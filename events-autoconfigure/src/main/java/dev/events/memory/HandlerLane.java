package dev.events.memory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.util.backoff.BackOffExecution;

import dev.events.consume.HandlerEndpoint;
import dev.events.consume.HandlerRetries;

/**
 * Delivers the records of one handler's topics to it on a thread of its own, in the order they
 * were sent, in batches of what has arrived: as a partition's consumer would, so a failing
 * record holds the records after it while it is retried, and other handlers go on. A record
 * that keeps failing becomes a dead letter by the handler's {@link HandlerRetries}, as on Kafka;
 * when that fails too, the record is tried again from its first attempt, never dropped.
 */
final class HandlerLane {

	private static final Log logger = LogFactory.getLog(HandlerLane.class);

	/**
	 * How long a failed recovery waits before its record is tried again.
	 */
	private static final Duration RECOVERY_RETRY = Duration.ofSeconds(1);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private final HandlerEndpoint endpoint;

	private final int maxBatch;

	private final BlockingQueue<ConsumerRecord<byte[], byte[]>> records = new LinkedBlockingQueue<>();

	private final AtomicInteger pending = new AtomicInteger();

	private final Thread thread;

	private volatile boolean running = true;

	private volatile boolean waiting;

	HandlerLane(HandlerEndpoint endpoint, int maxBatch) {
		this.endpoint = endpoint;
		this.maxBatch = maxBatch;
		this.thread = new Thread(this::run, "events-memory-" + endpoint.id());
		this.thread.setDaemon(true);
	}

	void start() {
		this.thread.start();
	}

	void add(ConsumerRecord<byte[], byte[]> record) {
		this.pending.incrementAndGet();
		this.records.add(record);
	}

	/**
	 * Return whether every record added has been handled or made a dead letter.
	 * @return whether the lane is idle
	 */
	boolean idle() {
		return this.pending.get() == 0;
	}

	/**
	 * Stop once the batch being handled is done (a handler is never interrupted, a wait between
	 * attempts is), waiting for that a while. The records not handled are gone.
	 */
	void stop() {
		this.running = false;
		if (this.waiting) {
			this.thread.interrupt();
		}
		try {
			this.thread.join(STOP_TIMEOUT.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.records.clear();
	}

	private void run() {
		List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(this.maxBatch);
		while (this.running) {
			try {
				if (batch.isEmpty()) {
					batch.add(awaitRecord());
					this.records.drainTo(batch, this.maxBatch - 1);
				}
				deliver(batch);
				this.pending.addAndGet(-batch.size());
				batch.clear();
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (Throwable ex) {
				logger.error("Handler '%s' failed outside its retries; its %d records are tried again"
					.formatted(this.endpoint.id(), batch.size()), ex);
				if (!pause(RECOVERY_RETRY)) {
					return;
				}
			}
		}
	}

	private ConsumerRecord<byte[], byte[]> awaitRecord() throws InterruptedException {
		this.waiting = true;
		try {
			if (!this.running) {
				throw new InterruptedException();
			}
			return this.records.take();
		}
		finally {
			this.waiting = false;
		}
	}

	/**
	 * Handle the records, retrying a failed one where it failed and then going on behind it, or
	 * giving up on it, as the handler's retries say.
	 */
	private void deliver(List<ConsumerRecord<byte[], byte[]>> batch) throws InterruptedException {
		List<ConsumerRecord<byte[], byte[]>> remaining = batch;
		Attempts attempts = new Attempts();
		while (!remaining.isEmpty()) {
			try {
				this.endpoint.handle(remaining);
				return;
			}
			catch (BatchListenerFailedException ex) {
				int failedAt = indexOf(remaining, ex.getRecord());
				ConsumerRecord<byte[], byte[]> failed = remaining.get(failedAt);
				long wait = attempts.failed(failed, ex, this.endpoint.retries());
				if (wait != BackOffExecution.STOP) {
					waitBetweenAttempts(Duration.ofMillis(wait));
					remaining = remaining.subList(failedAt, remaining.size());
				}
				else if (recover(failed, ex)) {
					attempts = new Attempts();
					remaining = remaining.subList(failedAt + 1, remaining.size());
				}
				else {
					attempts = new Attempts();
					waitBetweenAttempts(RECOVERY_RETRY);
					remaining = remaining.subList(failedAt, remaining.size());
				}
			}
		}
	}

	/**
	 * Give up on a record; when that fails (its dead letter cannot be stored), the record stays
	 * and is tried again from its first attempt, as spring-kafka's error handler does.
	 * @return whether the record was given up on
	 */
	private boolean recover(ConsumerRecord<byte[], byte[]> failed, BatchListenerFailedException failure) {
		try {
			this.endpoint.retries().recover(failed, failure);
			return true;
		}
		catch (RuntimeException ex) {
			logger.error("Handler '%s' could not make the record at %s@%d a dead letter; it is tried again"
				.formatted(this.endpoint.id(), failed.topic(), failed.offset()), ex);
			return false;
		}
	}

	private void waitBetweenAttempts(Duration wait) throws InterruptedException {
		if (!pause(wait)) {
			throw new InterruptedException();
		}
	}

	/**
	 * Wait, unless the lane stops meanwhile.
	 * @return whether it still runs
	 */
	private boolean pause(Duration wait) {
		this.waiting = true;
		try {
			if (this.running) {
				Thread.sleep(wait.toMillis());
			}
		}
		catch (InterruptedException ex) {
			return false;
		}
		finally {
			this.waiting = false;
		}
		return this.running;
	}

	private int indexOf(List<ConsumerRecord<byte[], byte[]>> records, @Nullable ConsumerRecord<?, ?> record) {
		for (int i = 0; i < records.size(); i++) {
			if (records.get(i) == record) {
				return i;
			}
		}
		logger.warn("Handler '%s' reported a failed record that is not in its batch; the batch is tried again"
			.formatted(this.endpoint.id()));
		return 0;
	}

	/**
	 * The failed attempts of the record at the front of a lane, and the waits between them. As
	 * spring-kafka's error handler counts them: a failure of another kind starts over, with the
	 * waits of that kind.
	 */
	private static final class Attempts {

		private @Nullable ConsumerRecord<?, ?> record;

		private @Nullable Class<?> failure;

		private @Nullable BackOffExecution backOff;

		private int count;

		/**
		 * Count a failed attempt of a record.
		 * @return how long to wait before the next, or {@link BackOffExecution#STOP} to give up
		 */
		long failed(ConsumerRecord<?, ?> failed, Exception ex, HandlerRetries retries) {
			if (failed != this.record || ex.getClass() != this.failure) {
				this.record = failed;
				this.failure = ex.getClass();
				this.count = 0;
				this.backOff = retries.backOff(failed, ex).start();
			}
			this.count++;
			retries.failed(failed, ex, this.count);
			if (!retries.retryable(ex)) {
				return BackOffExecution.STOP;
			}
			return (this.backOff != null) ? this.backOff.nextBackOff() : BackOffExecution.STOP;
		}

	}

}
