package dev.events.replay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
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
 * back to the start. Polls leave out the records from the end to the resume offset, which it had
 * handled before; once a poll that reached the end is handled, it seeks on to the resume offset
 * and records the window as done. A partition replays one window at a time; later
 * requests wait for it. A partition assigned with a window under way, after a rebalance or a
 * crash, replays it again from its start: the inbox skips what was handled on the first pass.
 * Should the database hold several under way for one partition (a request started there while
 * reading those under way had failed), it replays the oldest.
 */
public class PartitionReplayer implements HandlerReplays {

	private static final Log logger = LogFactory.getLog(PartitionReplayer.class);

	private final ReplayStore store;

	private final String instanceId;

	private final Duration idleCheckInterval;

	private final Clock clock;

	private volatile Map<String, List<ReplayRequest>> requests = Map.of();

	private final Set<RequestPartition> recorded = ConcurrentHashMap.newKeySet();

	private final Map<HandlerPartition, Replaying> underWay = new ConcurrentHashMap<>();

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
		Set<TopicPartition> resumed = new HashSet<>();
		for (ReplayWindow window : underWay(handlerId, partitions)) {
			this.recorded.add(new RequestPartition(window.replayId(), window.topicPartition()));
			if (!resumed.add(window.topicPartition())) {
				continue;
			}
			this.underWay.put(new HandlerPartition(handlerId, window.topicPartition()), new Replaying(window, consumer));
			consumer.seek(window.topicPartition(), window.startOffset());
			logger.info("Handler '%s' replays %s from offset %d again: the replay was under way when the "
				.formatted(handlerId, window.topicPartition(), window.startOffset()) + "partition was assigned here");
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
	public void revoked(String handlerId, Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		for (TopicPartition partition : partitions) {
			this.underWay.computeIfPresent(new HandlerPartition(handlerId, partition),
					(key, replaying) -> (replaying.consumer() == consumer) ? null : replaying);
		}
	}

	@Override
	public List<ConsumerRecord<byte[], byte[]>> select(String handlerId, List<ConsumerRecord<byte[], byte[]>> records) {
		if (this.underWay.isEmpty()) {
			return records;
		}
		List<ConsumerRecord<byte[], byte[]>> selected = new ArrayList<>(records.size());
		for (ConsumerRecord<byte[], byte[]> record : records) {
			Replaying replaying = this.underWay
				.get(new HandlerPartition(handlerId, new TopicPartition(record.topic(), record.partition())));
			if (replaying == null || !replaying.window().skips(record.offset())) {
				selected.add(record);
			}
		}
		return selected;
	}

	@Override
	public void apply(String handlerId, Consumer<?, ?> consumer) {
		List<ReplayRequest> requested = this.requests.getOrDefault(handlerId, List.of());
		if (requested.isEmpty() && this.underWay.isEmpty()) {
			return;
		}
		for (TopicPartition partition : consumer.assignment()) {
			try {
				if (replaying(handlerId, consumer, partition)) {
					continue;
				}
				start(handlerId, consumer, partition, requested);
			}
			catch (RuntimeException ex) {
				logger.warn("Handler '%s' could not go on with the replays of %s; it tries again after its next poll"
					.formatted(handlerId, partition), ex);
			}
		}
	}

	/**
	 * Go on with the window under way on the partition, if any: once the consumer has handled up
	 * to its end, on to the offset it was at before, past the records it had handled.
	 * @return whether the window is still under way
	 */
	private boolean replaying(String handlerId, Consumer<?, ?> consumer, TopicPartition partition) {
		HandlerPartition key = new HandlerPartition(handlerId, partition);
		Replaying replaying = this.underWay.get(key);
		if (replaying == null) {
			return false;
		}
		ReplayWindow window = replaying.window();
		long position = consumer.position(partition);
		if (position < window.endOffset()) {
			return true;
		}
		if (position < window.resumeOffset()) {
			consumer.seek(partition, window.resumeOffset());
		}
		this.underWay.remove(key);
		this.store.done(window, this.clock.instant());
		logger.info("Handler '%s' replayed %s up to offset %d and goes on at %d (replay %s)".formatted(handlerId,
				partition, window.endOffset(), Math.max(position, window.resumeOffset()), window.replayId()));
		return false;
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
		this.underWay.put(new HandlerPartition(handlerId, partition), new Replaying(window, consumer));
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

	private record HandlerPartition(String handlerId, TopicPartition partition) {
	}

	private record RequestPartition(String replayId, TopicPartition partition) {
	}

	/**
	 * A window under way, on the consumer that replays it: a consumer thread of this instance
	 * whose partition was taken does not end the window of the one that has it now.
	 */
	private record Replaying(ReplayWindow window, Consumer<?, ?> consumer) {
	}

}
