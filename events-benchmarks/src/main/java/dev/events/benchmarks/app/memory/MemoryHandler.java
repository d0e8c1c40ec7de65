package dev.events.benchmarks.app.memory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import dev.events.benchmarks.app.HandlerTimes;
import dev.events.benchmarks.app.Measured;
import dev.events.benchmarks.app.kafka.BenchmarkEvents;
import dev.events.consume.EventHandler;

/**
 * The in-memory workload's {@code @EventHandler}, its own body empty: records when it starts on
 * each event.
 */
@Component
@ConditionalOnProperty(name = "bench.mode", havingValue = "memory")
class MemoryHandler {

	private final BenchmarkEvents events;

	private final MemoryTimes times;

	MemoryHandler(BenchmarkEvents events, MemoryTimes times) {
		this.events = events;
		this.times = times;
	}

	@EventHandler(id = HandlerTimes.HANDLER_ID)
	void handle(Measured event) {
		this.times.handled(this.events.number(event), event.seq());
	}

}
