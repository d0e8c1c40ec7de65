package dev.events.benchmarks.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.events.publish.EventPublisher;
import dev.events.store.EventStore;
import dev.events.store.ExpectedVersion;

import static org.awaitility.Awaitility.await;

/**
 * Transactions from {@value #THREADS} threads, each inserting one business row: bare, with one
 * event published through the outbox, or with one event appended to the thread's own stream,
 * which the outbox relay publishes meanwhile or the store keeps without publishing.
 */
final class AppendPasses {

	static final int THREADS = 8;

	static final String NOTE = "n".repeat(260);

	private final TransactionTemplate transactions;

	private final JdbcClient jdbc;

	private final EventStore store;

	private final EventPublisher publisher;

	private final Map<String, Long> appendedVersions = new LinkedHashMap<>();

	private int passes;

	AppendPasses(TransactionTemplate transactions, JdbcClient jdbc, EventStore store, EventPublisher publisher) {
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.store = store;
		this.publisher = publisher;
		jdbc.sql("CREATE TABLE bench_rows (id BIGSERIAL PRIMARY KEY, thread INT NOT NULL, seq BIGINT NOT NULL, "
				+ "note VARCHAR(300) NOT NULL)").update();
	}

	/**
	 * Run transactions that insert a row each.
	 * @param total the transactions, shared among the threads
	 * @return transactions per second
	 */
	double bare(int total) {
		return run(total, "bare", (thread, seq, stream) -> this.transactions
			.executeWithoutResult((status) -> insertRow(thread, seq)));
	}

	/**
	 * Run transactions that insert a row and append one event each, then wait until the relay
	 * has published every event, so that the next pass runs on a quiet machine.
	 * @param total the transactions, shared among the threads
	 * @return transactions per second, up to the last commit
	 */
	double appending(int total) {
		double rate = appendingTo("bench", total);
		awaitOutboxDrained();
		return rate;
	}

	/**
	 * Run transactions that insert a row and publish one event each through the outbox, without
	 * the store, then wait until the relay has published every event.
	 * @param total the transactions, shared among the threads
	 * @return transactions per second, up to the last commit
	 */
	double publishing(int total) {
		double rate = run(total, "publish",
				(thread, seq, stream) -> this.transactions.executeWithoutResult((status) -> {
					insertRow(thread, seq);
					this.publisher.publish(new Tallied(seq, NOTE));
				}));
		awaitOutboxDrained();
		return rate;
	}

	/**
	 * Run transactions that insert a row and append one event each to a stream the store keeps
	 * without publishing: the store's own part of an append.
	 * @param total the transactions, shared among the threads
	 * @return transactions per second
	 */
	double storing(int total) {
		return appendingTo(StoreBenchmarkApplication.ARCHIVE + "-bench", total);
	}

	private double appendingTo(String streamPrefix, int total) {
		double rate = run(total, streamPrefix,
				(thread, seq, stream) -> this.transactions.executeWithoutResult((status) -> {
					insertRow(thread, seq);
					long version = this.store.append(stream, ExpectedVersion.exactly(seq), new Tallied(seq, NOTE));
					if (version != seq + 1) {
						throw new IllegalStateException(
								"Stream %s went from %d to %d with one event".formatted(stream, seq, version));
					}
				}));
		for (String stream : streams(streamPrefix, this.passes)) {
			this.appendedVersions.put(stream, (long) total / THREADS);
		}
		return rate;
	}

	/**
	 * Return the streams the appending passes wrote to, one per thread and pass, each with the
	 * version its appends took it to.
	 * @return their versions by name
	 */
	Map<String, Long> appendedVersions() {
		return Map.copyOf(this.appendedVersions);
	}

	private double run(int total, String streamPrefix, Transaction transaction) {
		int pass = ++this.passes;
		int perThread = total / THREADS;
		ExecutorService threads = Executors.newFixedThreadPool(THREADS);
		try {
			long start = System.nanoTime();
			List<CompletableFuture<Void>> running = new ArrayList<>();
			for (int thread = 0; thread < THREADS; thread++) {
				int threadIndex = thread;
				String stream = stream(streamPrefix, pass, thread);
				running.add(CompletableFuture.runAsync(() -> {
					for (long seq = 0; seq < perThread; seq++) {
						transaction.run(threadIndex, seq, stream);
					}
				}, threads));
			}
			CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
			return (double) perThread * THREADS * 1e9 / (System.nanoTime() - start);
		}
		finally {
			threads.shutdown();
		}
	}

	private void awaitOutboxDrained() {
		await().atMost(Duration.ofMinutes(5))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.jdbc.sql("SELECT COUNT(*) FROM events_outbox").query(Long.class).single() == 0);
	}

	private void insertRow(int thread, long seq) {
		this.jdbc.sql("INSERT INTO bench_rows (thread, seq, note) VALUES (?, ?, ?)").params(thread, seq, NOTE).update();
	}

	private static List<String> streams(String prefix, int pass) {
		List<String> streams = new ArrayList<>();
		for (int thread = 0; thread < THREADS; thread++) {
			streams.add(stream(prefix, pass, thread));
		}
		return streams;
	}

	private static String stream(String prefix, int pass, int thread) {
		return prefix + "-" + pass + "-" + thread;
	}

	@FunctionalInterface
	private interface Transaction {

		void run(int thread, long seq, String stream);

	}

}
