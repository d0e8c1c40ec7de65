package dev.events.benchmarks.store;

import java.util.ArrayList;
import java.util.List;

import dev.events.store.AggregateRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loads of one long stream: folded from all of its events, or from its latest snapshot and the
 * events after it.
 */
final class StreamLoads {

	/** The loads before those measured. */
	static final int WARMUP_LOADS = 5;

	private StreamLoads() {
	}

	/**
	 * Save a tally of {@code length} events, as many a save as a repository with snapshots
	 * takes them apart ({@value StoreBenchmarkApplication#SNAPSHOT_EVERY}), so that it keeps one
	 * after each save but the last of a length that is not a multiple.
	 * @param repository the repository to save through
	 * @param id the tally's id
	 * @param length its events
	 */
	static void build(AggregateRepository<Tally> repository, String id, int length) {
		Tally tally = repository.create();
		for (int seq = 1; seq <= length; seq++) {
			tally.add(seq, AppendPasses.NOTE);
			if (seq % StoreBenchmarkApplication.SNAPSHOT_EVERY == 0 || seq == length) {
				repository.save(id, tally);
			}
		}
	}

	/**
	 * Load a tally again and again, checking each load folded all of its events.
	 * @param repository the repository to load through
	 * @param id the tally's id
	 * @param length its events
	 * @param loads the measured loads, after a few to warm up
	 * @return each measured load's time in milliseconds, sorted
	 */
	static List<Double> measure(AggregateRepository<Tally> repository, String id, int length, int loads) {
		List<Double> millis = new ArrayList<>();
		for (int load = 0; load < WARMUP_LOADS + loads; load++) {
			long start = System.nanoTime();
			Tally tally = repository.load(id).orElseThrow();
			double elapsed = (System.nanoTime() - start) / 1e6;
			assertThat(tally.version()).isEqualTo(length);
			assertThat(tally.state()).isEqualTo(new Tally.TallyState(length, (long) length * (length + 1) / 2));
			if (load >= WARMUP_LOADS) {
				millis.add(elapsed);
			}
		}
		millis.sort(null);
		return millis;
	}

}
