package dev.events.endpoint;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * Reads how far each handler's consumer group is behind the end of each partition of its topics,
 * from the cluster, with an admin client of its own for each reading.
 */
public class ConsumerLag {

	private final Map<String, Object> adminConfig;

	private final Duration timeout;

	/**
	 * Create the reader.
	 * @param adminConfig the configuration of the admin client, such as Boot's
	 * @param timeout how long a reading may take
	 */
	public ConsumerLag(Map<String, Object> adminConfig, Duration timeout) {
		this.adminConfig = Map.copyOf(adminConfig);
		this.timeout = timeout;
	}

	/**
	 * Read the lag of some consumer groups.
	 * @param topicsByGroup the topics of each group
	 * @return per group, per partition ({@code topic-partition}) its committed offset, the
	 * partition's end and the difference; an {@code error} entry when the cluster did not answer
	 */
	public Map<String, Object> read(Map<String, List<String>> topicsByGroup) {
		try (Admin admin = Admin.create(this.adminConfig)) {
			Map<TopicPartition, Long> ends = ends(admin,
					topicsByGroup.values().stream().flatMap(Collection::stream).distinct().toList());
			Map<String, Object> lag = new LinkedHashMap<>();
			for (Map.Entry<String, List<String>> group : topicsByGroup.entrySet()) {
				lag.put(group.getKey(), groupLag(admin, group.getKey(), group.getValue(), ends));
			}
			return lag;
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			return Map.of("error", String.valueOf(ex.getMessage()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Map.of("error", "interrupted");
		}
	}

	private Map<TopicPartition, Long> ends(Admin admin, List<String> topics)
			throws InterruptedException, ExecutionException, TimeoutException {
		Map<String, TopicDescription> descriptions = admin.describeTopics(topics)
			.allTopicNames()
			.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		Map<TopicPartition, OffsetSpec> latest = descriptions.values()
			.stream()
			.flatMap((description) -> description.partitions()
				.stream()
				.map((partition) -> new TopicPartition(description.name(), partition.partition())))
			.collect(Collectors.toMap(Function.identity(), (partition) -> OffsetSpec.latest()));
		Map<TopicPartition, ListOffsetsResultInfo> offsets = admin.listOffsets(latest)
			.all()
			.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		return offsets.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().offset()));
	}

	private Map<String, PartitionLag> groupLag(Admin admin, String group, List<String> topics,
			Map<TopicPartition, Long> ends) throws InterruptedException, ExecutionException, TimeoutException {
		Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
			.partitionsToOffsetAndMetadata()
			.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		Map<String, PartitionLag> lag = new TreeMap<>();
		ends.forEach((partition, end) -> {
			if (topics.contains(partition.topic())) {
				OffsetAndMetadata offset = committed.get(partition);
				Long position = (offset != null) ? offset.offset() : null;
				lag.put(partition.toString(), new PartitionLag(position, end, (position != null) ? end - position : end));
			}
		});
		return lag;
	}

	/**
	 * The lag of a consumer group on one partition.
	 *
	 * @param committed the group's committed offset, {@code null} before its first commit
	 * @param end the partition's end offset
	 * @param lag the records between them
	 */
	public record PartitionLag(@Nullable Long committed, long end, long lag) {

	}

}
