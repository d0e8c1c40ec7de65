package dev.events.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

import dev.events.consume.DeadLetterTopics;

/**
 * Turns the topics declared under {@code events.topics} into {@link NewTopic} definitions
 * that Boot's {@link KafkaAdmin} creates on startup.
 */
final class EventsTopics {

	private final Map<String, EventsProperties.Topic> topics;

	private final DeadLetterTopics deadLetterTopics;

	EventsTopics(Map<String, EventsProperties.Topic> topics, DeadLetterTopics deadLetterTopics) {
		this.topics = topics;
		this.deadLetterTopics = deadLetterTopics;
	}

	KafkaAdmin.NewTopics toNewTopics() {
		return new KafkaAdmin.NewTopics(newTopics().toArray(NewTopic[]::new));
	}

	List<NewTopic> newTopics() {
		List<NewTopic> newTopics = new ArrayList<>();
		this.topics.forEach((name, topic) -> {
			newTopics.add(newTopic(name, topic));
			if (topic.isDeadLetter()) {
				newTopics.add(newTopic(this.deadLetterTopics.of(name), topic));
			}
		});
		return newTopics;
	}

	private static NewTopic newTopic(String name, EventsProperties.Topic topic) {
		TopicBuilder builder = TopicBuilder.name(name).partitions(topic.getPartitions());
		if (topic.getReplicas() != null) {
			builder.replicas(topic.getReplicas());
		}
		if (topic.getRetention() != null) {
			builder.config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(topic.getRetention().toMillis()));
		}
		if (topic.getCleanupPolicy() != null) {
			builder.config(TopicConfig.CLEANUP_POLICY_CONFIG, topic.getCleanupPolicy());
		}
		builder.configs(topic.getConfig());
		return builder.build();
	}

}
