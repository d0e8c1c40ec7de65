package dev.events.support;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.events.publish.EventPublisher;
import dev.events.test.EmbeddedServices;
import dev.events.test.TopicReader;

/**
 * The events one test publishes, and their records on a topic of the shared broker, without
 * those of other tests on the same topic (the PostgreSQL and MariaDB variants of a suite).
 */
public final class PublishedRecords {

	private final Set<String> ids = ConcurrentHashMap.newKeySet();

	/**
	 * Publish an event and remember it as this test's.
	 * @param publisher the publisher
	 * @param event the event
	 * @return its id
	 */
	public UUID publish(EventPublisher publisher, Object event) {
		UUID id = publisher.publish(event);
		this.ids.add(id.toString());
		return id;
	}

	/**
	 * Return the records of this test's events on a topic, in offset order per partition.
	 * @param topic the topic
	 * @return the records
	 */
	public List<ConsumerRecord<String, byte[]>> on(String topic) {
		return TopicReader.readToEnd(EmbeddedServices.kafkaBootstrapServers(), topic)
			.stream()
			.filter((record) -> this.ids.contains(TopicReader.eventId(record)))
			.toList();
	}

}
