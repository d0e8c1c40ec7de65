package dev.events.benchmarks.app.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import dev.events.benchmarks.workload.Micros;
import dev.events.benchmarks.workload.TimingFiles;
import dev.events.benchmarks.workload.WorkloadProperties;

/**
 * When each event of the in-memory workload was published and when the handler started on it,
 * by event number, in arrays sized for the run: at 100,000 events a second a map of them would
 * have the garbage collector pause the service longer than the latencies measured. Writes the
 * files a run's timings are read from, as the other workloads do.
 */
@Component
@ConditionalOnProperty(name = "bench.mode", havingValue = "memory")
class MemoryTimes {

	private final WorkloadProperties workload;

	private final AtomicReferenceArray<UUID> ids;

	private final AtomicLongArray publishedMicros;

	private final AtomicLongArray handledMicros;

	private final AtomicLongArray lastSeqByKey;

	private final AtomicInteger handled = new AtomicInteger();

	private final AtomicLong repeated = new AtomicLong();

	private final AtomicLong reordered = new AtomicLong();

	MemoryTimes(WorkloadProperties workload) {
		this.workload = workload;
		this.ids = new AtomicReferenceArray<>(workload.total());
		this.publishedMicros = new AtomicLongArray(workload.total());
		this.handledMicros = new AtomicLongArray(workload.total());
		this.lastSeqByKey = new AtomicLongArray(workload.keys());
		for (int key = 0; key < workload.keys(); key++) {
			this.lastSeqByKey.set(key, -1);
		}
	}

	void published(int n, UUID id, long micros) {
		this.ids.set(n, id);
		this.publishedMicros.set(n, micros);
	}

	/**
	 * Record that the handler started on an event: once per event, else it counts as handled
	 * again; after a later event of its key, it counts as reordered.
	 */
	void handled(int n, long seq) {
		if (!this.handledMicros.compareAndSet(n, 0, Micros.now())) {
			this.repeated.incrementAndGet();
			return;
		}
		int key = n % this.workload.keys();
		if (this.lastSeqByKey.getAndSet(key, seq) > seq) {
			this.reordered.incrementAndGet();
		}
		if (this.handled.incrementAndGet() == this.workload.total()) {
			TimingFiles.write(this.workload.output().resolve(TimingFiles.HANDLED_ALL), List.of("at\t" + Micros.now()));
		}
	}

	/**
	 * Write the publish and handler times of the measured events, by event id, and the counts.
	 */
	void write() {
		List<String> published = new ArrayList<>(this.workload.transactions());
		List<String> handled = new ArrayList<>(this.workload.transactions());
		for (int n = this.workload.warmup(); n < this.workload.total(); n++) {
			published.add(this.ids.get(n) + "\t" + this.publishedMicros.get(n));
			if (this.handledMicros.get(n) != 0) {
				handled.add(this.ids.get(n) + "\t" + this.handledMicros.get(n));
			}
		}
		TimingFiles.write(this.workload.output().resolve(TimingFiles.COMMITS), published);
		TimingFiles.write(this.workload.output().resolve(TimingFiles.HANDLED), handled);
		TimingFiles.write(this.workload.output().resolve(TimingFiles.HANDLED_AGAIN),
				List.of("repeated\t" + this.repeated.get(), "reordered\t" + this.reordered.get()));
	}

}
