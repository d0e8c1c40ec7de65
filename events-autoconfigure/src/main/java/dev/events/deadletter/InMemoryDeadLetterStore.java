package dev.events.deadletter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;

import dev.events.consume.DeadLetterReasons;
import dev.events.consume.FailedRecord;

/**
 * Keeps handlers' dead letters in memory, for the in-memory transport without a database: in
 * order per key, held, retried, discarded and listed as in the database, and gone when the
 * application stops. Each operation is atomic, and there are no transactions to hold locks
 * across: a record stored behind its key's dead letters holds the key again if a retry released
 * it meanwhile, so that it is not overtaken.
 */
public class InMemoryDeadLetterStore implements DeadLetterStore {

	private final Map<Long, DeadLetter> deadLetters = new TreeMap<>();

	private final Set<HeldKey> heldKeys = new HashSet<>();

	private long lastId;

	@Override
	public synchronized Set<String> heldKeys(String handlerId, Set<String> keys) {
		Set<String> held = new HashSet<>();
		for (String key : keys) {
			if (this.heldKeys.contains(new HeldKey(handlerId, key))) {
				held.add(key);
			}
		}
		return held;
	}

	@Override
	public synchronized boolean mayHoldKeys(String handlerId) {
		return this.heldKeys.stream().anyMatch((held) -> held.handlerId().equals(handlerId));
	}

	@Override
	public synchronized void add(FailedRecord record) {
		if (record.holdsKey()) {
			this.heldKeys.add(new HeldKey(record.handlerId(), Objects.requireNonNull(record.key())));
		}
		boolean stored = this.deadLetters.values()
			.stream()
			.anyMatch((deadLetter) -> deadLetter.handlerId().equals(record.handlerId())
					&& deadLetter.topic().equals(record.topic()) && deadLetter.partition() == record.partition()
					&& deadLetter.offset() == record.offset());
		if (stored) {
			return;
		}
		long id = ++this.lastId;
		FailedRecord.EventAttributes event = record.event();
		this.deadLetters.put(id, new DeadLetter(id, record.handlerId(), record.key(), record.topic(),
				record.partition(), record.offset(), event.id(), event.source(), event.type(), event.time(),
				new RecordHeaders(record.headers().toArray()), record.payload(), record.reason(), record.cause(),
				record.attempts(), 0, record.firstFailedAt(), record.lastFailedAt(), null));
	}

	@Override
	public synchronized boolean lockSequence(String handlerId, String key) {
		return this.heldKeys.contains(new HeldKey(handlerId, key));
	}

	@Override
	public synchronized Optional<DeadLetter> head(String handlerId, String key) {
		return live((deadLetter) -> deadLetter.handlerId().equals(handlerId) && key.equals(deadLetter.key())
				&& DeadLetterReasons.holdsKey(deadLetter.reason()))
			.stream()
			.findFirst();
	}

	@Override
	public synchronized void release(String handlerId, String key) {
		this.heldKeys.remove(new HeldKey(handlerId, key));
	}

	@Override
	public Optional<DeadLetter> lock(long id) {
		return find(id);
	}

	@Override
	public synchronized Optional<DeadLetter> find(long id) {
		return Optional.ofNullable(this.deadLetters.get(id));
	}

	@Override
	public synchronized void delete(long id) {
		this.deadLetters.remove(id);
	}

	@Override
	public synchronized void failedAgain(long id, String reason, String cause, Instant at) {
		this.deadLetters.computeIfPresent(id, (key, old) -> new DeadLetter(old.id(), old.handlerId(), old.key(),
				old.topic(), old.partition(), old.offset(), old.eventId(), old.source(), old.type(), old.time(),
				old.headers(), old.payload(), reason, cause, old.attempts() + 1, old.retries() + 1,
				old.firstFailedAt(), at, old.discardedAt()));
	}

	@Override
	public synchronized void discard(List<Long> ids, Instant at) {
		for (Long id : ids) {
			this.deadLetters.computeIfPresent(id, (key, old) -> (old.discardedAt() != null) ? old
					: new DeadLetter(old.id(), old.handlerId(), old.key(), old.topic(), old.partition(), old.offset(),
							old.eventId(), old.source(), old.type(), old.time(), old.headers(), old.payload(),
							old.reason(), old.cause(), old.attempts(), old.retries(), old.firstFailedAt(),
							old.lastFailedAt(), at));
		}
	}

	@Override
	public synchronized List<DeadLetter> sequence(String handlerId, String key) {
		return live((deadLetter) -> deadLetter.handlerId().equals(handlerId) && key.equals(deadLetter.key()));
	}

	@Override
	public synchronized List<String> heldKeys(String handlerId) {
		return this.heldKeys.stream().filter((held) -> held.handlerId().equals(handlerId)).map(HeldKey::key).toList();
	}

	@Override
	public synchronized List<Long> unsequenced(String handlerId) {
		return live((deadLetter) -> deadLetter.handlerId().equals(handlerId) && (deadLetter.key() == null
				|| !this.heldKeys.contains(new HeldKey(handlerId, deadLetter.key()))))
			.stream()
			.map(DeadLetter::id)
			.toList();
	}

	@Override
	public synchronized List<DeadLetter> list(DeadLetterQuery query) {
		return live((deadLetter) -> matches(query.handlerId(), deadLetter.handlerId())
				&& matches(query.key(), deadLetter.key()) && matches(query.reason(), deadLetter.reason()))
			.stream()
			.skip((long) query.page() * query.size())
			.limit(query.size())
			.toList();
	}

	@Override
	public synchronized Map<String, Map<String, Long>> countByHandlerAndReason() {
		Map<String, Map<String, Long>> counts = new TreeMap<>();
		for (DeadLetter deadLetter : live((deadLetter) -> true)) {
			counts.computeIfAbsent(deadLetter.handlerId(), (handler) -> new TreeMap<>())
				.merge(deadLetter.reason(), 1L, Long::sum);
		}
		return new LinkedHashMap<>(counts);
	}

	@Override
	public synchronized int deleteDiscardedBefore(Instant cutoff, int limit) {
		List<Long> expired = this.deadLetters.values()
			.stream()
			.filter((deadLetter) -> deadLetter.discardedAt() != null && deadLetter.discardedAt().isBefore(cutoff))
			.limit(limit)
			.map(DeadLetter::id)
			.toList();
		expired.forEach(this.deadLetters::remove);
		return expired.size();
	}

	private List<DeadLetter> live(Predicate<DeadLetter> condition) {
		List<DeadLetter> live = new ArrayList<>();
		for (DeadLetter deadLetter : this.deadLetters.values()) {
			if (deadLetter.discardedAt() == null && condition.test(deadLetter)) {
				live.add(deadLetter);
			}
		}
		return live;
	}

	private static boolean matches(@Nullable String wanted, @Nullable String value) {
		return wanted == null || wanted.equals(value);
	}

	private record HeldKey(String handlerId, String key) {
	}

}
