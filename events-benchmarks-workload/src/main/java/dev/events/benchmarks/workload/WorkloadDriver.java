package dev.events.benchmarks.workload;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the transactions of the benchmark on its threads: the warm-up, then, once every thread
 * finished it and the service has sent every warm-up event, the measured ones, either as fast as
 * the threads go (closed loop) or each at its place in a fixed schedule (open loop, so a stall
 * delays later commits instead of hiding in fewer of them). Writes when the measured phase
 * started and ended, and the commit time of each measured event of an open-loop run.
 */
class WorkloadDriver implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(WorkloadDriver.class);

	private static final String NOTE = "x".repeat(200);

	private final WorkloadProperties workload;

	private final TransactionTemplate transactions;

	private final JdbcClient jdbc;

	private final EventSink sink;

	private final PendingEvents pending;

	private final AtomicReferenceArray<UUID> eventIds;

	private final AtomicLongArray commitMicros;

	private volatile long measuredStartNanos;

	WorkloadDriver(WorkloadProperties workload, TransactionTemplate transactions, JdbcClient jdbc, EventSink sink,
			PendingEvents pending) {
		this.workload = workload;
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.sink = sink;
		this.pending = pending;
		this.eventIds = new AtomicReferenceArray<>(workload.total());
		this.commitMicros = new AtomicLongArray(workload.total());
	}

	@Override
	public void run(ApplicationArguments args) {
		Thread driver = new Thread(this::runAll, "bench-workload");
		driver.start();
	}

	private void runAll() {
		CyclicBarrier warmedUp = new CyclicBarrier(this.workload.threads(), this::startMeasuring);
		Workers.run(this.workload.threads(), (index) -> runThread(index, warmedUp));
		long end = Micros.now();
		if (this.workload.rate() > 0) {
			writeCommits();
		}
		TimingFiles.write(this.workload.output().resolve(TimingFiles.WORKLOAD_END),
				List.of("end\t" + end, "transactions\t" + this.workload.transactions()));
		logger.info("Workload done: " + this.workload.total() + " transactions");
	}

	private void startMeasuring() {
		awaitWarmupSent();
		this.measuredStartNanos = System.nanoTime();
		TimingFiles.write(this.workload.output().resolve(TimingFiles.MEASURE_START), List.of("start\t" + Micros.now()));
	}

	/**
	 * Wait until the service has sent the warm-up's events, so that the measured window holds only
	 * the measured ones.
	 */
	private void awaitWarmupSent() {
		while (this.pending.count() > 0) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
		}
	}

	private void runThread(int thread, CyclicBarrier warmedUp) {
		long[] seqByKey = new long[this.workload.keys()];
		runPhase(thread, this.workload.warmup(), false, seqByKey, System.nanoTime());
		await(warmedUp);
		runPhase(thread, this.workload.transactions(), true, seqByKey, this.measuredStartNanos);
	}

	/**
	 * Run a thread's share of a phase. The warm-up runs the same code as the measured phase,
	 * recording its commits too, so that the code the JIT compiler has compiled by then is the code
	 * the measured transactions run.
	 */
	private void runPhase(int thread, int count, boolean measured, long[] seqByKey, long startNanos) {
		int threads = this.workload.threads();
		for (int n = thread; n < count; n += threads) {
			if (this.workload.rate() > 0) {
				Pacing.waitUntil(startNanos + n * TimeUnit.SECONDS.toNanos(1) / this.workload.rate());
			}
			int keyIndex = ownKey(thread, n / threads);
			int slot = measured ? this.workload.warmup() + n : n;
			runTransaction(slot, "key-" + keyIndex, seqByKey[keyIndex]++, measured);
		}
	}

	/**
	 * Return the {@code i}th of the keys a thread owns, round-robin.
	 */
	private int ownKey(int thread, int i) {
		int threads = this.workload.threads();
		int owned = (this.workload.keys() - thread + threads - 1) / threads;
		return thread + (i % owned) * threads;
	}

	private void runTransaction(int slot, String key, long seq, boolean measured) {
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("INSERT INTO bench_orders (order_key, seq, amount) VALUES (?, ?, ?)")
				.params(key, seq, BigDecimal.valueOf(slot % 10_000, 2))
				.update();
			if (this.workload.publish()) {
				UUID id = this.sink.publish(key, seq, measured, NOTE);
				if (this.workload.rate() > 0) {
					recordCommit(slot, id);
				}
			}
		});
	}

	private void recordCommit(int n, UUID id) {
		this.eventIds.set(n, id);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				WorkloadDriver.this.commitMicros.set(n, Micros.now());
			}

		});
	}

	private void writeCommits() {
		List<String> lines = new ArrayList<>(this.workload.transactions());
		for (int n = this.workload.warmup(); n < this.workload.total(); n++) {
			lines.add(this.eventIds.get(n) + "\t" + this.commitMicros.get(n));
		}
		TimingFiles.write(this.workload.output().resolve(TimingFiles.COMMITS), lines);
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (BrokenBarrierException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
