package dev.events.consume;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.ReflectionUtils;

import dev.events.cloudevents.CloudEventRecordMapper;
import dev.events.cloudevents.CloudEventsMode;
import dev.events.consume.EventHandlerMethod.HandlerRetry;
import dev.events.consume.EventHandlerMethod.ParameterKind;
import dev.events.type.DomainEvent;
import dev.events.type.EventTypeRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How the listener splits a poll into transactions when records fail, without a broker: the
 * transactions are simulated, so that a commit can be made to fail exactly once.
 */
class EventHandlerListenerTests {

	@Test
	void recordThatFailedStaysReportedWhenTheRecordsBeforeItCommitOnlyOneByOne() {
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			records.add(record(i, (i == 3) ? "fail" : "ok-" + i));
		}
		CommitFailingOnce transactions = new CommitFailingOnce();
		EventHandlerListener listener = listener(transactions);

		assertThatExceptionOfType(BatchListenerFailedException.class).isThrownBy(() -> listener.onBatch(records, new MockConsumer<>("earliest")))
			.satisfies((ex) -> assertThat(ex.getRecord()).isSameAs(records.get(3)));
	}

	private static EventHandlerListener listener(TransactionOperations transactions) {
		EventTypeRegistry registry = new EventTypeRegistry();
		registry.registerAnnotated(Item.class);
		EventHandlerMethod method = new EventHandlerMethod("items", new ItemHandler(),
				ReflectionUtils.findMethod(ItemHandler.class, "handle", Item.class), ParameterKind.PAYLOAD,
				Set.of(Item.class), Set.of("items"), 1, new HandlerRetry(3, List.of()), DeadLetterDestination.TOPIC, true);
		EventDecoder decoder = new EventDecoder(new CloudEventRecordMapper(CloudEventsMode.BINARY), registry,
				new JsonMapper(), false, UnknownTypePolicy.DEAD_LETTER);
		return new EventHandlerListener(method, decoder, null, null,
				new FailedRecords(new CloudEventRecordMapper(CloudEventsMode.BINARY), Clock.systemUTC()), null,
				transactions, HandlingObservations.timed("items", new SimpleMeterRegistry(), null),
				new SimpleMeterRegistry());
	}

	private static ConsumerRecord<byte[], byte[]> record(int offset, String name) {
		ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("items", 0, offset, bytes("k"),
				bytes("{\"name\":\"" + name + "\"}"));
		record.headers()
			.add("ce_specversion", bytes("1.0"))
			.add("ce_id", bytes("id-" + offset))
			.add("ce_source", bytes("test"))
			.add("ce_type", bytes("dev.events.test.Item"))
			.add("content-type", bytes("application/json"));
		return record;
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Runs callbacks as transactions; the second transaction fails when it commits, as a
	 * connection lost at commit would.
	 */
	static class CommitFailingOnce implements TransactionOperations {

		private final AtomicInteger transactions = new AtomicInteger();

		@Override
		public <T> T execute(TransactionCallback<T> action) throws TransactionException {
			int transaction = this.transactions.incrementAndGet();
			T result = action.doInTransaction(new SimpleTransactionStatus());
			if (transaction == 2) {
				throw new TransactionSystemException("Could not commit: connection lost");
			}
			return result;
		}

	}

	static class ItemHandler {

		void handle(Item item) {
			if (item.name().equals("fail")) {
				throw new IllegalStateException("failing on purpose");
			}
		}

	}

	@DomainEvent(type = "dev.events.test.Item", topic = "items")
	record Item(String name) {
	}

}
