package dev.events.deadletter;

import java.util.ArrayList;
import java.util.List;

/**
 * What a retry of dead letters did.
 *
 * @param handled how many dead letters were handled (or found handled before) and deleted
 * @param stillFailing the ids of the dead letters that failed again: each stays at the head of
 * its sequence, holding the rest
 */
public record RetryResult(int handled, List<Long> stillFailing) {

	static final RetryResult NOTHING = new RetryResult(0, List.of());

	RetryResult plus(RetryResult other) {
		List<Long> failing = new ArrayList<>(this.stillFailing);
		failing.addAll(other.stillFailing);
		return new RetryResult(this.handled + other.handled, List.copyOf(failing));
	}

}
