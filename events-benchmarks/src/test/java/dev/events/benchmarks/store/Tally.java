package dev.events.benchmarks.store;

import dev.events.store.EventSourcedAggregate;

/**
 * The aggregate the load benchmarks fold: how many events it saw and their sum.
 */
class Tally extends EventSourcedAggregate {

	private long count;

	private long sum;

	void add(long amount, String note) {
		raise(new Tallied(amount, note));
	}

	TallyState state() {
		return new TallyState(this.count, this.sum);
	}

	void restore(TallyState state) {
		this.count = state.count();
		this.sum = state.sum();
	}

	@Override
	protected void apply(Object event) {
		if (event instanceof Tallied tallied) {
			this.count++;
			this.sum += tallied.amount();
		}
	}

	/**
	 * What a snapshot of a tally holds.
	 *
	 * @param count the events folded
	 * @param sum their sum
	 */
	record TallyState(long count, long sum) {

	}

}
