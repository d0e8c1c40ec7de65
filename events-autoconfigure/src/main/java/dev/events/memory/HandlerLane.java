package dev.events.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

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
 * that keeps failing becomes a dead letter by the handler's {@link HandlerRetries}, as on Kafka.
 */
final class HandlerLane {

	private static final Log logger = LogFactory.getLog(HandlerLane.class);

	private final HandlerEndpoint endpoint;

	private final int maxBatch;

	private final BlockingQueue<ConsumerRecord<byte[], byte[]>> records = new LinkedBlockingQueue<>();

	private final Thread thread;

	private volatile boolean running = true;

	private volatile boolean busy;

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
		this.records.add(record);
	}

	/**
	 * Return whether every record added has been handled or made a dead letter.
	 * @return whether the lane is idle
	 */
	boolean idle() {
		return !this.busy && this.records.isEmpty();
	}

	void stop() {
		this.running = false;
		this.thread.interrupt();
	}

	private void run() {
		List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(this.maxBatch);
		while (this.running) {
			try {
				ConsumerRecord<byte[], byte[]> first = this.records.take();
				this.busy = true;
				batch.add(first);
				this.records.drainTo(batch, this.maxBatch - 1);
				deliver(batch);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				logger.error("Handler '%s' failed outside its retries; %d records not handled"
					.formatted(this.endpoint.id(), batch.size()), ex);
			}
			finally {
				batch.clear();
				this.busy = false;
			}
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
				if (wait == BackOffExecution.STOP) {
					this.endpoint.retries().recover(failed, ex);
					attempts = new Attempts();
					remaining = remaining.subList(failedAt + 1, remaining.size());
				}
				else {
					Thread.sleep(wait);
					remaining = remaining.subList(failedAt, remaining.size());
				}
			}
		}
	}

	private static int indexOf(List<ConsumerRecord<byte[], byte[]>> records, @Nullable ConsumerRecord<?, ?> record) {
		for (int i = 0; i < records.size(); i++) {
			if (records.get(i) == record) {
				return i;
			}
		}
		return 0;
	}

	/**
	 * The failed attempts of the record at the front of a lane, and the waits between them.
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
			if (failed != this.record) {
				this.record = failed;
				this.failure = null;
				this.count = 0;
			}
			this.count++;
			retries.failed(failed, ex, this.count);
			if (!retries.retryable(ex)) {
				return BackOffExecution.STOP;
			}
			if (this.backOff == null || ex.getClass() != this.failure) {
				this.failure = ex.getClass();
				this.backOff = retries.backOff(failed, ex).start();
			}
			return this.backOff.nextBackOff();
		}

	}

}
