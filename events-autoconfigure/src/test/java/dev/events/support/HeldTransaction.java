package dev.events.support;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.springframework.transaction.support.TransactionOperations;

/**
 * A transaction that does its work on a thread of its own and stays open until told to commit:
 * an event it publishes has an earlier sequence than those committed meanwhile, and commits late.
 */
public final class HeldTransaction implements AutoCloseable {

	private static final long TIMEOUT_SECONDS = 10;

	private final ExecutorService thread = Executors.newSingleThreadExecutor();

	private final CountDownLatch commit = new CountDownLatch(1);

	private final Future<?> transaction;

	private HeldTransaction(TransactionOperations transactions, Runnable work) {
		CountDownLatch done = new CountDownLatch(1);
		this.transaction = this.thread.submit(() -> transactions.executeWithoutResult((status) -> {
			work.run();
			done.countDown();
			awaitQuietly(this.commit);
		}));
		awaitQuietly(done);
	}

	/**
	 * Run the work in a transaction that stays open, and return once the work is done.
	 * @param transactions the transactions to run it in
	 * @param work what the transaction does
	 * @return the transaction, still open
	 */
	public static HeldTransaction open(TransactionOperations transactions, Runnable work) {
		return new HeldTransaction(transactions, work);
	}

	/**
	 * Let the transaction commit, and wait until it has.
	 */
	public void commit() {
		this.commit.countDown();
		try {
			this.transaction.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("The held transaction did not commit", ex);
		}
	}

	@Override
	public void close() {
		this.thread.shutdownNow();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
