package dev.events.memory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;

import dev.events.consume.DeadLetterReasons;
import dev.events.consume.DeadLetterTopics;
import dev.events.consume.HandlerEndpoint;
import dev.events.consume.UndeliverableEventException;

/**
 * Carries records inside the application instead of through Kafka: each record sent to a topic
 * goes to every handler of the topic, which receives it on its own thread ({@link HandlerLane}),
 * in the order sent. Records sent while the transport is not running wait for it. Dead letters
 * that a handler would put on a dead-letter topic are kept here, in the order they came.
 * <p>
 * Nothing is kept across restarts: what was sent and not yet handled when the application stops
 * is gone, as the in-memory transport is for tests and local runs.
 */
public class InMemoryTransport implements SmartLifecycle {

	/**
	 * The most records a handler receives at once, as Kafka's default {@code max.poll.records}.
	 */
	static final int MAX_BATCH = 500;

	private final Supplier<List<HandlerEndpoint>> endpoints;

	private final DeadLetterTopics deadLetterTopics;

	private final Clock clock;

	/**
	 * The lanes of each topic while the transport runs, else {@code null}: senders read it
	 * without a lock, and it changes only as a whole.
	 */
	private volatile @Nullable Map<String, List<HandlerLane>> lanesByTopic;

	private final List<HandlerLane> lanes = new ArrayList<>();

	private final Map<String, AtomicLong> offsets = new ConcurrentHashMap<>();

	private final List<ConsumerRecord<byte[], byte[]>> deadLetters = new CopyOnWriteArrayList<>();

	private final List<ConsumerRecord<byte[], byte[]>> waiting = new ArrayList<>();

	private @Nullable List<HandlerEndpoint> resolved;

	/**
	 * Create a transport.
	 * @param endpoints the handlers, resolved when the transport first starts
	 * @param deadLetterTopics names the dead-letter topic of each topic
	 * @param clock the clock of record times
	 */
	public InMemoryTransport(Supplier<List<HandlerEndpoint>> endpoints, DeadLetterTopics deadLetterTopics,
			Clock clock) {
		this.endpoints = endpoints;
		this.deadLetterTopics = deadLetterTopics;
		this.clock = clock;
	}

	/**
	 * Send a record to the handlers of its topic: each handler receives a thread's records in the
	 * order that thread sent them.
	 * @param record the record, as it would be sent to Kafka
	 */
	public void send(ProducerRecord<@Nullable String, byte[]> record) {
		RecordHeaders headers = new RecordHeaders(record.headers().toArray());
		headers.setReadOnly();
		byte[] key = (record.key() != null) ? record.key().getBytes(StandardCharsets.UTF_8) : null;
		ConsumerRecord<byte[], byte[]> received = received(record.topic(), key, record.value(), headers);
		Map<String, List<HandlerLane>> running = this.lanesByTopic;
		if (running != null) {
			deliver(running, received);
			return;
		}
		synchronized (this) {
			running = this.lanesByTopic;
			if (running != null) {
				deliver(running, received);
			}
			else {
				this.waiting.add(received);
			}
		}
	}

	/**
	 * Return the recoverer that keeps a handler's dead letters here, as records of the dead-letter
	 * topic of their record's topic, with the reason in a header.
	 * @param handlerId the handler
	 * @return the recoverer
	 */
	public ConsumerRecordRecoverer deadLetterRecoverer(String handlerId) {
		return (record, ex) -> {
			RecordHeaders headers = new RecordHeaders(record.headers().toArray());
			headers.add(UndeliverableEventException.REASON_HEADER,
					DeadLetterReasons.reasonOf(ex).getBytes(StandardCharsets.UTF_8));
			headers.setReadOnly();
			this.deadLetters.add(received(this.deadLetterTopics.of(record.topic()), (byte[]) record.key(),
					(byte[]) record.value(), headers));
		};
	}

	/**
	 * Return the dead letters handlers gave up on since the start, oldest first.
	 * @return the records, on their dead-letter topics
	 */
	public List<ConsumerRecord<byte[], byte[]>> deadLetters() {
		return List.copyOf(this.deadLetters);
	}

	/**
	 * Wait until every record sent so far has been handled or made a dead letter.
	 * @param timeout how long to wait at most
	 * @return whether every handler was idle before the timeout
	 * @throws InterruptedException if interrupted while waiting
	 */
	public boolean awaitIdle(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!idle()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			Thread.sleep(1);
		}
		return true;
	}

	private synchronized boolean idle() {
		return this.waiting.isEmpty() && this.lanes.stream().allMatch(HandlerLane::idle);
	}

	@Override
	public synchronized void start() {
		if (this.lanesByTopic != null) {
			return;
		}
		if (this.resolved == null) {
			this.resolved = this.endpoints.get();
		}
		Map<String, List<HandlerLane>> lanesByTopic = new HashMap<>();
		for (HandlerEndpoint endpoint : this.resolved) {
			HandlerLane lane = new HandlerLane(endpoint, MAX_BATCH);
			this.lanes.add(lane);
			endpoint.topics().forEach((topic) -> lanesByTopic.computeIfAbsent(topic, (key) -> new ArrayList<>())
				.add(lane));
			lane.start();
		}
		this.waiting.forEach((record) -> deliver(lanesByTopic, record));
		this.waiting.clear();
		this.lanesByTopic = lanesByTopic;
	}

	/**
	 * Stop each handler once the batch it handles is done. Records not handled yet are gone, as
	 * they would be from a broker's memory.
	 */
	@Override
	public void stop() {
		List<HandlerLane> stopping;
		synchronized (this) {
			this.lanesByTopic = null;
			stopping = List.copyOf(this.lanes);
			this.lanes.clear();
		}
		stopping.forEach(HandlerLane::stop);
	}

	@Override
	public boolean isRunning() {
		return this.lanesByTopic != null;
	}

	private static void deliver(Map<String, List<HandlerLane>> lanesByTopic, ConsumerRecord<byte[], byte[]> record) {
		List<HandlerLane> subscribed = lanesByTopic.get(record.topic());
		if (subscribed != null) {
			subscribed.forEach((lane) -> lane.add(record));
		}
	}

	private ConsumerRecord<byte[], byte[]> received(String topic, byte @Nullable [] key, byte @Nullable [] value,
			RecordHeaders headers) {
		long offset = offsetsOf(topic).getAndIncrement();
		return new ConsumerRecord<>(topic, 0, offset, this.clock.millis(), TimestampType.CREATE_TIME,
				(key != null) ? key.length : -1, (value != null) ? value.length : -1, key, value, headers,
				Optional.empty());
	}

	private AtomicLong offsetsOf(String topic) {
		AtomicLong offsets = this.offsets.get(topic);
		return (offsets != null) ? offsets : this.offsets.computeIfAbsent(topic, (key) -> new AtomicLong());
	}

}
