package dev.events.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.events.benchmarks.ServiceRun.Cpu;
import dev.events.benchmarks.ServiceRun.InboxCleanup;
import dev.events.test.KeyOrder;

/**
 * What one run measured.
 *
 * @param workload what the run did
 * @param startMicros when the measured transactions started, or the backlog was committed
 * @param endMicros when the last measured transaction committed, or, for a run that publishes or
 * drains, when its last event arrived (in memory: when the handler started on it)
 * @param arrivals every event that arrived, duplicates included, in arrival order
 * @param commitMicros the commit time of each measured event, by id (runs on a fixed schedule)
 * @param handledMicros when the handler started on each measured event, by id
 * @param handledAgain how often the handler was invoked again on an event it had handled
 * @param handledReordered how many events the handler received after a later event of their key
 * @param cpu the CPU each process used while the measured transactions ran and were delivered
 * @param inboxCleanup what the cleanup of an inbox backlog did, for a run that had one
 */
record RunResult(Workload workload, long startMicros, long endMicros, List<Arrivals.Arrival> arrivals,
		Map<String, Long> commitMicros, Map<String, Long> handledMicros, long handledAgain, long handledReordered,
		Cpu cpu,
		@Nullable InboxCleanup inboxCleanup) {

	/**
	 * Return the measured transactions per second, end to end for a run that publishes.
	 * @return the rate
	 */
	double rate() {
		return this.workload.measured() * 1_000_000.0 / (this.endMicros - this.startMicros);
	}

	/**
	 * Check what arrived: every event once, in order per key.
	 * @return the per-key order of the arrivals
	 */
	KeyOrder order() {
		KeyOrder order = new KeyOrder();
		this.arrivals.forEach((arrival) -> order.deliver(arrival.eventId(), arrival.key(), arrival.seq()));
		return order;
	}

	/**
	 * Return the time from each measured event's commit to its arrival at a plain consumer.
	 * @return the latencies in microseconds
	 */
	List<Long> commitToConsumer() {
		Map<String, Long> firstArrival = new HashMap<>();
		this.arrivals.forEach((arrival) -> firstArrival.putIfAbsent(arrival.eventId(), arrival.micros()));
		return since(this.commitMicros, firstArrival);
	}

	/**
	 * Return the time from each measured event's commit to the start of its handler.
	 * @return the latencies in microseconds
	 */
	List<Long> commitToHandler() {
		return since(this.commitMicros, this.handledMicros);
	}

	/**
	 * Return the time from the commit to the start of its handler of each measured event
	 * committed in the given window.
	 * @param fromMicros the window's start
	 * @param toMicros the window's end
	 * @return the latencies in microseconds
	 */
	List<Long> commitToHandler(long fromMicros, long toMicros) {
		Map<String, Long> committed = new HashMap<>();
		this.commitMicros.forEach((id, micros) -> {
			if (micros >= fromMicros && micros < toMicros) {
				committed.put(id, micros);
			}
		});
		return since(committed, this.handledMicros);
	}

	/**
	 * Return the CPU time a process used per measured transaction.
	 * @param cpu the process's CPU time over the run
	 * @return microseconds per transaction
	 */
	double cpuMicrosPerTransaction(Duration cpu) {
		return cpu.toNanos() / 1000.0 / this.workload.measured();
	}

	private static List<Long> since(Map<String, Long> from, Map<String, Long> to) {
		List<Long> latencies = new ArrayList<>(from.size());
		from.forEach((id, start) -> {
			Long end = to.get(id);
			if (end != null) {
				latencies.add(end - start);
			}
		});
		return latencies;
	}

}
