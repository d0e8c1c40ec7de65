package dev.events.benchmarks.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

import dev.events.benchmarks.workload.Micros;
import dev.events.benchmarks.workload.TimingFiles;
import dev.events.benchmarks.workload.WorkloadProperties;
import dev.events.consume.EventEnvelope;
import dev.events.consume.EventHandler;

/**
 * An {@code @EventHandler} with an empty body, through the inbox, that records when each
 * invocation starts, counts invocations on an event already handled and events that came after a
 * later one of their key, and writes those of the measured events and the counts when the service
 * stops; once it has started on every event of the run it says so in a file. It records the
 * warm-up's events too, so that the code the JIT compiler has compiled when the measured events
 * come is the code they run. The in-memory workload has a handler of its own, which records
 * without a map.
 */
@Component
@ConditionalOnExpression("${bench.handle:false} and '${bench.mode:transactions}' != 'memory'")
public class HandlerTimes {

	/** The handler's id, also its consumer group. */
	public static final String HANDLER_ID = "bench-handler";

	private final Map<String, Start> starts;

	private final AtomicLong repeated = new AtomicLong();

	private final AtomicLong reordered = new AtomicLong();

	private final Map<String, Long> lastSeqByKey = new ConcurrentHashMap<>();

	private final WorkloadProperties workload;

	HandlerTimes(WorkloadProperties workload) {
		this.workload = workload;
		this.starts = new ConcurrentHashMap<>(workload.total() * 4 / 3 + 1);
	}

	@EventHandler(id = HANDLER_ID)
	void handle(EventEnvelope<Measured> event) {
		Measured measured = event.payload();
		if (this.starts.putIfAbsent(event.id(), new Start(Micros.now(), measured.measured())) != null) {
			this.repeated.incrementAndGet();
			return;
		}
		Long before = this.lastSeqByKey.put(measured.key(), measured.seq());
		if (before != null && before > measured.seq()) {
			this.reordered.incrementAndGet();
		}
		if (this.starts.size() == this.workload.total()) {
			TimingFiles.write(this.workload.output().resolve(TimingFiles.HANDLED_ALL), List.of("at\t" + Micros.now()));
		}
	}

	@PreDestroy
	void write() {
		List<String> lines = new ArrayList<>(this.starts.size());
		this.starts.forEach((id, start) -> {
			if (start.measured()) {
				lines.add(id + "\t" + start.micros());
			}
		});
		TimingFiles.write(this.workload.output().resolve(TimingFiles.HANDLED), lines);
		TimingFiles.write(this.workload.output().resolve(TimingFiles.HANDLED_AGAIN),
				List.of("repeated\t" + this.repeated.get(), "reordered\t" + this.reordered.get()));
	}

	private record Start(long micros, boolean measured) {
	}

}
