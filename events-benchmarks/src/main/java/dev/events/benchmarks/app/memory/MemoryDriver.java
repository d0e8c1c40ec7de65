package dev.events.benchmarks.app.memory;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import dev.events.benchmarks.app.kafka.BenchmarkEvents;
import dev.events.benchmarks.workload.Micros;
import dev.events.benchmarks.workload.Pacing;
import dev.events.benchmarks.workload.TimingFiles;
import dev.events.benchmarks.workload.WorkloadProperties;
import dev.events.benchmarks.workload.Workers;
import dev.events.memory.InMemoryTransport;
import dev.events.publish.EventPublisher;

/**
 * Publishes the events of the run on the in-memory transport outside any transaction, as fast as
 * its threads go or, with a rate, each on a fixed schedule (open loop: a thread that falls behind
 * publishes at once, it does not skip), each thread the events of its own keys in order, and
 * records when each publish began; the service's {@code @EventHandler} records when it starts on
 * each. Waits for the handler to be done with the warm-up before the measured events, and with
 * those before it ends.
 */
@Component
@ConditionalOnProperty(name = "bench.mode", havingValue = "memory")
class MemoryDriver implements ApplicationRunner {

	private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private final WorkloadProperties workload;

	private final BenchmarkEvents events;

	private final EventPublisher publisher;

	private final InMemoryTransport transport;

	private final MemoryTimes times;

	MemoryDriver(WorkloadProperties workload, BenchmarkEvents events, EventPublisher publisher,
			InMemoryTransport transport, MemoryTimes times) {
		this.workload = workload;
		this.events = events;
		this.publisher = publisher;
		this.transport = transport;
		this.times = times;
	}

	@Override
	public void run(ApplicationArguments args) {
		new Thread(this::runAll, "bench-memory").start();
	}

	private void runAll() {
		publish(0, this.workload.warmup());
		awaitHandled();
		TimingFiles.write(this.workload.output().resolve(TimingFiles.MEASURE_START), List.of("start\t" + Micros.now()));
		publish(this.workload.warmup(), this.workload.transactions());
		long end = Micros.now();
		awaitHandled();
		this.times.write();
		TimingFiles.write(this.workload.output().resolve(TimingFiles.WORKLOAD_END),
				List.of("end\t" + end, "transactions\t" + this.workload.transactions()));
	}

	private void publish(int from, int count) {
		long startNanos = System.nanoTime();
		Workers.run(this.workload.threads(), (thread) -> {
			for (int n = from; n < from + count; n++) {
				if (this.events.ownedBy(thread, n)) {
					if (this.workload.rate() > 0) {
						Pacing.waitUntil(startNanos + (n - from) * NANOS_PER_SECOND / this.workload.rate());
					}
					long start = Micros.now();
					this.times.published(n, this.publisher.publish(this.events.event(n)), start);
				}
			}
		});
	}

	private void awaitHandled() {
		try {
			if (!this.transport.awaitIdle(IDLE_TIMEOUT)) {
				throw new IllegalStateException("The handler was not done within " + IDLE_TIMEOUT);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the handler", ex);
		}
	}

}
