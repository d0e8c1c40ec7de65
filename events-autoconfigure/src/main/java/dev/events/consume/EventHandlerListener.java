package dev.events.consume;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.ReflectionUtils;

import dev.events.context.EventContextHolder;
import dev.events.context.TraceScope;
import dev.events.inbox.InboxStore;

/**
 * The Kafka listener behind one {@link EventHandler} method: receives each poll's records as a
 * batch and handles them in one transaction with their inbox rows.
 * <p>
 * When a record fails, the transaction rolls back and the records before it are handled again
 * in a transaction of their own, so they commit; then the failed record is reported with
 * a {@link BatchListenerFailedException} of its kind ({@link HandlerFailures}). The container's
 * error handler commits the offsets before it and retries it, or sends it to the dead-letter
 * topic. When the transaction fails in
 * a way that names no record (at commit), the records are handled one transaction each to find
 * the one that causes it.
 * <p>
 * With {@link SequencedDeadLetters}, the keys of each poll's records are looked up first: a record
 * whose key holds a dead letter of this handler is stored behind it instead of handled.
 * <p>
 * With {@link HandlerReplays}, a replay picks the records of each poll, and after a poll is
 * handled the consumer may be sought back to replay.
 */
final class EventHandlerListener {

	static final Method ON_BATCH = ReflectionUtils.findMethod(EventHandlerListener.class, "onBatch", List.class,
			Consumer.class);

	private final EventHandlerMethod handler;

	private final EventDecoder decoder;

	private final @Nullable InboxStore inbox;

	private final TransactionOperations transactions;

	private final HandlingObservations observations;

	private final Counter duplicates;

	private final @Nullable SequencedDeadLetters sequences;

	private final FailedRecords failedRecords;

	private final @Nullable HandlerReplays replays;

	EventHandlerListener(EventHandlerMethod handler, EventDecoder decoder, @Nullable InboxStore inbox,
			@Nullable SequencedDeadLetters sequences, FailedRecords failedRecords, @Nullable HandlerReplays replays,
			TransactionOperations transactions, HandlingObservations observations, MeterRegistry meterRegistry) {
		this.handler = handler;
		this.replays = replays;
		this.decoder = decoder;
		this.inbox = inbox;
		this.sequences = sequences;
		this.failedRecords = failedRecords;
		this.transactions = transactions;
		this.observations = observations;
		this.duplicates = Counter.builder("events.handler.duplicates")
			.description("Redelivered events a handler skipped because its inbox had them")
			.tag("handler", handler.id())
			.register(meterRegistry);
	}

	/**
	 * Handle the records of one poll, then start the replays requested since, if any.
	 * @param polled the records, in partition order
	 * @param consumer the consumer that polled them
	 */
	public void onBatch(List<ConsumerRecord<byte[], byte[]>> polled, Consumer<?, ?> consumer) {
		if (this.replays == null) {
			handleBatch(polled);
			return;
		}
		handleBatch(this.replays.select(this.handler.id(), polled));
		this.replays.apply(this.handler.id(), consumer);
	}

	/**
	 * Handle records a transport delivered outside a listener container, without replays.
	 * @param records the records, in partition order
	 */
	void onRecords(List<ConsumerRecord<byte[], byte[]>> records) {
		handleBatch(records);
	}

	private void handleBatch(List<ConsumerRecord<byte[], byte[]>> records) {
		int end = records.size();
		RecordFailure failure = null;
		while (end > 0) {
			List<ConsumerRecord<byte[], byte[]>> batch = records.subList(0, end);
			try {
				this.transactions.executeWithoutResult((status) -> handle(batch, true));
				break;
			}
			catch (RecordFailure ex) {
				failure = ex;
				end = ex.index;
			}
			catch (RuntimeException ex) {
				RecordFailure found = (end > 1) ? handleOneByOne(batch) : new RecordFailure(0, ex);
				if (found != null) {
					failure = found;
				}
				break;
			}
		}
		if (failure != null) {
			throw HandlerFailures.report(failure.getCause(), records.get(failure.index));
		}
	}

	/**
	 * Handle each record in a transaction of its own, after the batch failed in a way that names
	 * no record (at commit, for example a deferred constraint or a JPA flush), so that only the
	 * record that causes the failure is reported.
	 * @return the first record that failed, or {@code null} if none did this time
	 */
	private @Nullable RecordFailure handleOneByOne(List<ConsumerRecord<byte[], byte[]>> records) {
		for (int i = 0; i < records.size(); i++) {
			List<ConsumerRecord<byte[], byte[]>> single = records.subList(i, i + 1);
			try {
				this.transactions.executeWithoutResult((status) -> handle(single, true));
			}
			catch (RecordFailure ex) {
				return new RecordFailure(i, ex.getCause());
			}
			catch (RuntimeException ex) {
				return new RecordFailure(i, ex);
			}
		}
		return null;
	}

	HandlerDescription describe() {
		List<String> types = this.handler.eventClasses()
			.stream()
			.map((eventClass) -> this.decoder.typeOf(eventClass))
			.sorted()
			.toList();
		return new HandlerDescription(this.handler.id(), List.copyOf(this.handler.topics()), types,
				this.handler.deadLetters(), this.handler.sequenced());
	}

	/**
	 * Handle a dead letter of this handler again, in the caller's transaction: through the inbox,
	 * so that an event handled before is not handled twice, and without looking at the dead
	 * letters of its key, since it is one of them.
	 * @param record the record of the dead letter
	 * @throws Exception what the record failed with
	 */
	void handleAgain(ConsumerRecord<byte[], byte[]> record) throws Exception {
		try {
			handle(List.of(record), false);
		}
		catch (RecordFailure ex) {
			throw ex.getCause();
		}
	}

	private void handle(List<ConsumerRecord<byte[], byte[]>> records, boolean sequenced) {
		Set<String> heldKeys = sequenced ? heldKeys(records) : Set.of();
		List<Integer> indexes = new ArrayList<>(records.size());
		List<ReceivedEvent> events = new ArrayList<>(records.size());
		for (int i = 0; i < records.size(); i++) {
			ConsumerRecord<byte[], byte[]> record = records.get(i);
			if (!heldKeys.isEmpty() && heldKeys.contains(FailedRecords.keyOf(record))) {
				queueBehind(record);
				continue;
			}
			ReceivedEvent event = decode(record, i);
			if (event != null && this.handler.handles(event.definition().eventClass())) {
				indexes.add(i);
				events.add(event);
			}
		}
		boolean[] fresh = markReceived(events);
		int duplicates = 0;
		for (int i = 0; i < events.size(); i++) {
			if (fresh[i]) {
				invoke(events.get(i), indexes.get(i));
			}
			else {
				duplicates++;
			}
		}
		countDuplicatesOnCommit(duplicates);
	}

	private Set<String> heldKeys(List<ConsumerRecord<byte[], byte[]>> records) {
		if (this.sequences == null || !this.sequences.mayHoldKeys(this.handler.id())) {
			return Set.of();
		}
		Set<String> keys = new HashSet<>();
		for (ConsumerRecord<byte[], byte[]> record : records) {
			String key = FailedRecords.keyOf(record);
			if (key != null) {
				keys.add(key);
			}
		}
		return keys.isEmpty() ? Set.of() : this.sequences.heldKeys(this.handler.id(), keys);
	}

	/**
	 * Store a record behind the dead letters of its key, unless it is not for this handler:
	 * records that cannot be decoded are, as they would be dead letters of their own.
	 */
	private void queueBehind(ConsumerRecord<byte[], byte[]> record) {
		if (isForThisHandler(record)) {
			Objects.requireNonNull(this.sequences).add(this.failedRecords.queuedBehind(this.handler.id(), record));
		}
	}

	private boolean isForThisHandler(ConsumerRecord<byte[], byte[]> record) {
		try {
			ReceivedEvent event = this.decoder.decode(record);
			return event != null && this.handler.handles(event.definition().eventClass());
		}
		catch (RuntimeException ex) {
			return true;
		}
	}

	private void countDuplicatesOnCommit(int duplicates) {
		if (duplicates == 0) {
			return;
		}
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			this.duplicates.increment(duplicates);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				EventHandlerListener.this.duplicates.increment(duplicates);
			}
		});
	}

	private @Nullable ReceivedEvent decode(ConsumerRecord<byte[], byte[]> record, int index) {
		try {
			return this.decoder.decode(record);
		}
		catch (RuntimeException ex) {
			throw new RecordFailure(index, ex);
		}
	}

	private boolean[] markReceived(List<ReceivedEvent> events) {
		if (this.inbox == null) {
			boolean[] all = new boolean[events.size()];
			Arrays.fill(all, true);
			return all;
		}
		return this.inbox.markReceived(this.handler.id(), events.stream().map(ReceivedEvent::inboxEntry).toList());
	}

	private void invoke(ReceivedEvent event, int index) {
		HandlingObservation observation = this.observations.start(event);
		try (EventContextHolder.Scope scope = EventContextHolder.open(event.context());
				TraceScope observed = observation.openScope()) {
			this.handler.invoke(event, this.decoder.payload(event));
			observation.succeeded();
		}
		catch (Exception ex) {
			observation.failed(ex);
			throw new RecordFailure(index, ex);
		}
		finally {
			observation.stop();
		}
	}

	/**
	 * The record at {@code index} of a batch failed; carries the cause out of the transaction.
	 */
	private static final class RecordFailure extends RuntimeException {

		private final int index;

		RecordFailure(int index, Exception cause) {
			super(null, cause, false, false);
			this.index = index;
		}

		@Override
		public synchronized Exception getCause() {
			return (Exception) super.getCause();
		}

	}

}
