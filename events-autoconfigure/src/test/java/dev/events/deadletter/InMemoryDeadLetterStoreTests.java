package dev.events.deadletter;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import dev.events.consume.FailedRecord;
import dev.events.consume.SequencedDeadLetters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory dead letters keep the database's rules where no transaction holds locks.
 */
class InMemoryDeadLetterStoreTests {

	private static final String HANDLER = "billing";

	private final InMemoryDeadLetterStore store = new InMemoryDeadLetterStore();

	@Test
	void aDeadLetterHoldsItsKeyAndTheRecordsQueuedBehindIt() {
		this.store.add(failed(1, "k", "HANDLER_FAILED"));
		this.store.add(failed(2, "k", SequencedDeadLetters.QUEUED_BEHIND));

		assertThat(this.store.heldKeys(HANDLER, Set.of("k", "other"))).containsExactly("k");
		assertThat(this.store.mayHoldKeys(HANDLER)).isTrue();
		assertThat(this.store.sequence(HANDLER, "k")).extracting(DeadLetter::offset).containsExactly(1L, 2L);
	}

	@Test
	void aRecordQueuedBehindAKeyThatARetryReleasedMeanwhileHoldsItAgain() {
		this.store.add(failed(1, "k", "HANDLER_FAILED"));
		DeadLetter head = this.store.head(HANDLER, "k").orElseThrow();
		this.store.delete(head.id());
		this.store.release(HANDLER, "k");

		this.store.add(failed(2, "k", SequencedDeadLetters.QUEUED_BEHIND));

		assertThat(this.store.heldKeys(HANDLER, Set.of("k"))).containsExactly("k");
		assertThat(this.store.head(HANDLER, "k")).get().extracting(DeadLetter::offset).isEqualTo(2L);
	}

	@Test
	void aRecordStoredTwiceIsKeptOnce() {
		this.store.add(failed(1, "k", "HANDLER_FAILED"));
		this.store.add(failed(1, "k", "HANDLER_FAILED"));

		assertThat(this.store.sequence(HANDLER, "k")).hasSize(1);
	}

	@Test
	void aDiscardedDeadLetterIsNoLongerLiveAndIsDeletedAfterItsRetention() {
		this.store.add(failed(1, "k", "HANDLER_FAILED"));
		long id = this.store.sequence(HANDLER, "k").get(0).id();
		this.store.discard(List.of(id), Instant.parse("2026-12-01T00:00:00Z"));

		assertThat(this.store.countByHandlerAndReason()).isEmpty();
		assertThat(this.store.deleteDiscardedBefore(Instant.parse("2026-12-02T00:00:00Z"), 10)).isOne();
		assertThat(this.store.find(id)).isEmpty();
	}

	private static FailedRecord failed(long offset, String key, String reason) {
		Instant at = Instant.parse("2026-11-30T12:00:00Z");
		return new FailedRecord(HANDLER, "orders", 0, offset, key, new RecordHeaders(), new byte[0],
				FailedRecord.EventAttributes.NONE, reason, null, 1, at, at, true);
	}

}
