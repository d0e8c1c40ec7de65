package dev.events.test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group's committed offsets are behind the end of a topic: 0 once every
 * record, duplicates included, went through the group's listeners.
 */
public final class ConsumerGroupLag {

	private static final long TIMEOUT_SECONDS = 30;

	private ConsumerGroupLag() {
	}

	/**
	 * Return the records of a topic after the group's committed offsets, partition by partition.
	 * @param bootstrapServers the broker
	 * @param group the consumer group
	 * @param topic the topic
	 * @return per partition, the records not yet committed by the group
	 */
	public static Map<TopicPartition, Long> of(String bootstrapServers, String group, String topic) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
			Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic))
				.allTopicNames()
				.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
				.get(topic)
				.partitions()
				.stream()
				.collect(Collectors.toMap((info) -> new TopicPartition(topic, info.partition()),
						(info) -> OffsetSpec.latest()));
			return admin.listOffsets(latest)
				.all()
				.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
				.entrySet()
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey, (end) -> {
					OffsetAndMetadata offset = committed.get(end.getKey());
					return end.getValue().offset() - ((offset != null) ? offset.offset() : 0);
				}));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not read the offsets of group " + group + " on " + topic, ex);
		}
	}

}
