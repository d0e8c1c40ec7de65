package dev.events.benchmarks.app.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.springframework.stereotype.Component;

import dev.events.benchmarks.workload.Micros;
import dev.events.benchmarks.workload.TimingFiles;
import dev.events.benchmarks.workload.WorkloadProperties;

/**
 * What the consumer of a handling run has seen: how many events of each phase, when the last
 * measured one came, and how often an event came again. The handler and the raw listener record
 * into it alike, so that they do the same work besides their own.
 */
@Component
class ConsumedEvents {

	private final Set<String> measured = ConcurrentHashMap.newKeySet();

	private final AtomicInteger warmup = new AtomicInteger();

	private final AtomicLong again = new AtomicLong();

	private volatile long lastMicros;

	private final WorkloadProperties workload;

	ConsumedEvents(WorkloadProperties workload) {
		this.workload = workload;
	}

	/**
	 * Record an event.
	 * @param id its id
	 * @param isMeasured whether it belongs to the measured phase
	 */
	void record(String id, boolean isMeasured) {
		if (!isMeasured) {
			this.warmup.incrementAndGet();
		}
		else if (this.measured.add(id)) {
			if (this.measured.size() == this.workload.transactions()) {
				this.lastMicros = Micros.now();
			}
		}
		else {
			this.again.incrementAndGet();
		}
	}

	/**
	 * Wait until every warm-up event was seen.
	 */
	void awaitWarmup() {
		while (this.warmup.get() < this.workload.warmup()) {
			LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
		}
	}

	/**
	 * Wait until every measured event was seen, and write when the last came and how many came
	 * again.
	 */
	void awaitMeasuredAndWrite() {
		while (this.lastMicros == 0) {
			LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
		}
		TimingFiles.write(this.workload.output().resolve(TimingFiles.HANDLED_AGAIN),
				List.of("repeated\t" + this.again.get()));
		TimingFiles.write(this.workload.output().resolve(TimingFiles.WORKLOAD_END),
				List.of("end\t" + this.lastMicros, "transactions\t" + this.workload.transactions()));
	}

}
