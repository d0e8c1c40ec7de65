package dev.events.consume;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.ReflectionUtils;

import dev.events.context.EventContextHolder;
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
 */
final class EventHandlerListener {

	static final Method ON_BATCH = ReflectionUtils.findMethod(EventHandlerListener.class, "onBatch", List.class);

	private final EventHandlerMethod handler;

	private final EventDecoder decoder;

	private final @Nullable InboxStore inbox;

	private final TransactionOperations transactions;

	private final ObservationRegistry observations;

	private final @Nullable EventHandlingObservationConvention observationConvention;

	private final Counter duplicates;

	EventHandlerListener(EventHandlerMethod handler, EventDecoder decoder, @Nullable InboxStore inbox,
			TransactionOperations transactions, ObservationRegistry observations,
			@Nullable EventHandlingObservationConvention observationConvention, MeterRegistry meterRegistry) {
		this.handler = handler;
		this.decoder = decoder;
		this.inbox = inbox;
		this.transactions = transactions;
		this.observations = observations;
		this.observationConvention = observationConvention;
		this.duplicates = Counter.builder("events.handler.duplicates")
			.description("Redelivered events a handler skipped because its inbox had them")
			.tag("handler", handler.id())
			.register(meterRegistry);
	}

	/**
	 * Handle the records of one poll.
	 * @param records the records, in partition order
	 */
	public void onBatch(List<ConsumerRecord<byte[], byte[]>> records) {
		int end = records.size();
		RecordFailure failure = null;
		while (end > 0) {
			List<ConsumerRecord<byte[], byte[]>> batch = records.subList(0, end);
			try {
				this.transactions.executeWithoutResult((status) -> handle(batch));
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
				this.transactions.executeWithoutResult((status) -> handle(single));
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

	private void handle(List<ConsumerRecord<byte[], byte[]>> records) {
		List<Integer> indexes = new ArrayList<>(records.size());
		List<ReceivedEvent> events = new ArrayList<>(records.size());
		for (int i = 0; i < records.size(); i++) {
			ReceivedEvent event = decode(records.get(i), i);
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
		return this.inbox.markReceived(this.handler.id(), events.stream().map(ReceivedEvent::key).toList());
	}

	private void invoke(ReceivedEvent event, int index) {
		HandlingObservation observation = HandlingObservation.start(this.handler.id(), event, this.observations,
				this.observationConvention);
		try (EventContextHolder.Scope scope = EventContextHolder.open(event.context());
				Observation.Scope observed = observation.openScope()) {
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
