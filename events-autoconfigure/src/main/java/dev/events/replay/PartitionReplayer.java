package dev.events.replay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

import dev.events.consume.HandlerReplays;

/**
 * Applies replay requests on the partitions this instance's handler consumers hold.
 * <p>
 * A consumer that finds a request it has not applied on a partition records the request's
 * window there (start: the first offset at or after the start time; end: the first offset at or
 * after the end time; resume: its own position), unless an instance recorded it before, and seeks
 * back to the start. At the end it seeks on to the resume offset, skipping what it had handled
 * before, and records the window as done. A partition replays one window at a time; later
 * requests wait for it. A partition assigned with a window under way, after a rebalance or a
 * crash, replays it again from its start: the inbox skips what was handled on the first pass.
 */
public class PartitionReplayer implements HandlerReplays {

	private static final Log logger = LogFactory.getLog(PartitionReplayer.class);

	private final ReplayStore store;

	private final String instanceId;

	private final Duration idleCheckInterval;

	private final Clock clock;

	private volatile Map<String, List<ReplayRequest>> requests = Map.of();

	private final Set<RequestPartition> recorded = ConcurrentHashMap.newKeySet();

	private final Map<HandlerPartition, ReplayWindow> underWay = new ConcurrentHashMap<>();

	/**
	 * Create the replayer.
	 * @param store the requests and windows
	 * @param instanceId this instance, in the windows it records
	 * @param idleCheckInterval how often idle consumers look for requests
	 * @param clock the clock
	 */
	public PartitionReplayer(ReplayStore store, String instanceId, Duration idleCheckInterval, Clock clock) {
		this.store = store;
		this.instanceId = instanceId;
		this.idleCheckInterval = idleCheckInterval;
		this.clock = clock;
	}

	/**
	 * Take the requests stored for the cluster.
	 * @param stored every stored request, oldest first
	 */
	public void follow(List<ReplayRequest> stored) {
		this.requests = stored.stream().collect(Collectors.groupingBy(ReplayRequest::handlerId));
		Set<String> ids = stored.stream().map(ReplayRequest::id).collect(Collectors.toSet());
		this.recorded.removeIf((applied) -> !ids.contains(applied.replayId()));
	}

	@Override
	public Duration idleCheckInterval() {
		return this.idleCheckInterval;
	}

	@Override
	public void assigned(String handlerId, Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		if (partitions.isEmpty()) {
			return;
		}
		for (ReplayWindow window : underWay(handlerId, partitions)) {
			HandlerPartition key = new HandlerPartition(handlerId, window.topicPartition());
			if (this.underWay.putIfAbsent(key, window) == null) {
				this.recorded.add(new RequestPartition(window.replayId(), window.topicPartition()));
				consumer.seek(window.topicPartition(), window.startOffset());
				logger.info("Handler '%s' replays %s from offset %d again: the replay was under way when the "
					.formatted(handlerId, window.topicPartition(), window.startOffset())
						+ "partition was assigned here");
			}
		}
	}

	private List<ReplayWindow> underWay(String handlerId, Collection<TopicPartition> partitions) {
		try {
			return this.store.underWay(handlerId, partitions);
		}
		catch (RuntimeException ex) {
			logger.warn("Handler '%s' could not read the replays under way on %s; they go on where the partitions are "
				.formatted(handlerId, partitions) + "assigned next", ex);
			return List.of();
		}
	}

	@Override
	public void revoked(String handlerId, Collection<TopicPartition> partitions) {
		partitions.forEach((partition) -> this.underWay.remove(new HandlerPartition(handlerId, partition)));
	}

	@Override
	public List<ConsumerRecord<byte[], byte[]>> select(String handlerId, Consumer<?, ?> consumer,
			List<ConsumerRecord<byte[], byte[]>> records) {
		if (this.underWay.isEmpty()) {
			return records;
		}
		Map<TopicPartition, ReplayWindow> ending = new HashMap<>();
		Map<TopicPartition, Long> lastOffsets = new HashMap<>();
		List<ConsumerRecord<byte[], byte[]>> selected = new ArrayList<>(records.size());
		for (ConsumerRecord<byte[], byte[]> record : records) {
			TopicPartition partition = new TopicPartition(record.topic(), record.partition());
			ReplayWindow window = ending.get(partition);
			if (window == null) {
				window = this.underWay.get(new HandlerPartition(handlerId, partition));
			}
			if (window != null && record.offset() >= window.endOffset()) {
				ending.put(partition, window);
				lastOffsets.put(partition, record.offset());
				if (record.offset() < window.resumeOffset()) {
					continue;
				}
			}
			selected.add(record);
		}
		ending.forEach((partition, window) -> finish(handlerId, window, consumer, lastOffsets.get(partition) + 1));
		return selected;
	}

	@Override
	public void apply(String handlerId, Consumer<?, ?> consumer) {
		List<ReplayRequest> requested = this.requests.getOrDefault(handlerId, List.of());
		if (requested.isEmpty() && this.underWay.isEmpty()) {
			return;
		}
		for (TopicPartition partition : consumer.assignment()) {
			ReplayWindow window = this.underWay.get(new HandlerPartition(handlerId, partition));
			if (window != null) {
				long position = consumer.position(partition);
				if (position < window.endOffset()) {
					continue;
				}
				finish(handlerId, window, consumer, position);
			}
			start(handlerId, consumer, partition, requested);
		}
	}

	/**
	 * Start the oldest request not applied on the partition yet, if any.
	 */
	private void start(String handlerId, Consumer<?, ?> consumer, TopicPartition partition,
			List<ReplayRequest> requested) {
		for (ReplayRequest request : requested) {
			RequestPartition applied = new RequestPartition(request.id(), partition);
			if (!this.recorded.add(applied)) {
				continue;
			}
			try {
				if (start(handlerId, consumer, partition, request)) {
					return;
				}
			}
			catch (RuntimeException ex) {
				this.recorded.remove(applied);
				logger.warn("Handler '%s' could not start replay %s on %s; it tries again after its next poll"
					.formatted(handlerId, request.id(), partition), ex);
				return;
			}
		}
	}

	/**
	 * Record the window of a request on the partition and seek back to its start, unless another
	 * instance recorded it or it is empty.
	 * @return whether the partition replays it now
	 */
	private boolean start(String handlerId, Consumer<?, ?> consumer, TopicPartition partition,
			ReplayRequest request) {
		ReplayWindow window = window(request, consumer, partition);
		if (!this.store.record(window)) {
			return false;
		}
		if (window.isEmpty()) {
			this.store.done(window, this.clock.instant());
			return false;
		}
		this.underWay.put(new HandlerPartition(handlerId, partition), window);
		consumer.seek(partition, window.startOffset());
		logger.info("Handler '%s' replays %s from offset %d to %d, then goes on at %d (replay %s, %s)".formatted(
				handlerId, partition, window.startOffset(), window.endOffset(), window.resumeOffset(), request.id(),
				request.mode()));
		return true;
	}

	private ReplayWindow window(ReplayRequest request, Consumer<?, ?> consumer, TopicPartition partition) {
		long resume = consumer.position(partition);
		long start = Math.min(offsetAt(consumer, partition, request.from(), resume), resume);
		long end = (request.to() != null) ? Math.max(Math.min(offsetAt(consumer, partition, request.to(), resume),
				resume), start) : resume;
		return new ReplayWindow(request.id(), partition.topic(), partition.partition(), start, end, resume,
				this.instanceId, this.clock.instant(), null);
	}

	/**
	 * The first offset of the partition whose record time is at or after the given time, or the
	 * given offset when no record is.
	 */
	private static long offsetAt(Consumer<?, ?> consumer, TopicPartition partition, Instant time, long otherwise) {
		OffsetAndTimestamp found = consumer.offsetsForTimes(Map.of(partition, time.toEpochMilli())).get(partition);
		return (found != null) ? found.offset() : otherwise;
	}

	/**
	 * End a window whose end the consumer reached at the given position: on to the resume offset,
	 * past the records it handled before the replay began.
	 */
	private void finish(String handlerId, ReplayWindow window, Consumer<?, ?> consumer, long position) {
		this.underWay.remove(new HandlerPartition(handlerId, window.topicPartition()));
		if (position < window.resumeOffset()) {
			consumer.seek(window.topicPartition(), window.resumeOffset());
		}
		try {
			this.store.done(window, this.clock.instant());
		}
		catch (RuntimeException ex) {
			logger.warn("Handler '%s' could not record replay %s on %s as done; an instance the partition is "
				.formatted(handlerId, window.replayId(), window.topicPartition())
					+ "assigned to replays it again, and its inbox skips what was handled", ex);
		}
		logger.info("Handler '%s' replayed %s up to offset %d and goes on at %d (replay %s)".formatted(handlerId,
				window.topicPartition(), window.endOffset(), Math.max(position, window.resumeOffset()),
				window.replayId()));
	}

	private record HandlerPartition(String handlerId, TopicPartition partition) {
	}

	private record RequestPartition(String replayId, TopicPartition partition) {
	}

}
