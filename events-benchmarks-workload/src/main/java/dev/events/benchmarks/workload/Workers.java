package dev.events.benchmarks.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The threads a workload runs on: each does its share, told apart by its index.
 */
public final class Workers {

	private Workers() {
	}

	/**
	 * Run work on threads of their own and wait until every one is done.
	 * @param count how many threads
	 * @param work what each does, given its index from 0
	 */
	public static void run(int count, IntConsumer work) {
		List<Thread> threads = new ArrayList<>(count);
		for (int index = 0; index < count; index++) {
			int worker = index;
			Thread thread = new Thread(() -> work.accept(worker), "bench-" + index);
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

}
