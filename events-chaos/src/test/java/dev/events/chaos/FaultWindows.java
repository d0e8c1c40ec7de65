package dev.events.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import dev.events.chaos.app.ChaosEvent;
import dev.events.test.TopicReader;

/**
 * What a scenario reads right after its fault to show that it hit the window it aims at.
 */
final class FaultWindows {

	private FaultWindows() {
	}

	/**
	 * Return the events still in the outbox, sent or not.
	 * @param run the scenario
	 * @return their ids
	 */
	static Set<String> inOutbox(ScenarioRun run) {
		return new HashSet<>(run.jdbc()
			.sql("SELECT CAST(event_id AS VARCHAR) FROM events_outbox WHERE sent_at IS NULL")
			.query(String.class)
			.list());
	}

	/**
	 * Return how many outbox rows of an instance's keys are not sent.
	 * @param run the scenario
	 * @param instance the instance
	 * @return the unsent rows
	 */
	static long unsentOf(ScenarioRun run, String instance) {
		return run.jdbc()
			.sql("SELECT COUNT(*) FROM events_outbox WHERE sent_at IS NULL AND partition_key LIKE ?")
			.param(instance + "-%")
			.query(Long.class)
			.single();
	}

	/**
	 * Return how many of the given events are on the topic.
	 * @param run the scenario
	 * @param eventIds the events
	 * @return how many of them have a record
	 */
	static long onTopic(ScenarioRun run, Set<String> eventIds) {
		Set<String> found = new HashSet<>();
		TopicReader.readToEnd(run.bootstrapServers(), ChaosEvent.TOPIC).forEach((record) -> {
			String id = TopicReader.eventId(record);
			if (eventIds.contains(id)) {
				found.add(id);
			}
		});
		return found.size();
	}

	/**
	 * Return how many applied events sit at or after their partition's committed offset: those a
	 * consumer must receive again.
	 * @param run the scenario
	 * @return the applied events whose offsets are not committed
	 */
	static long appliedButNotCommitted(ScenarioRun run) {
		Map<TopicPartition, OffsetAndMetadata> committed;
		try (Admin admin = run.admin()) {
			committed = admin.listConsumerGroupOffsets(ScenarioRun.GROUP)
				.partitionsToOffsetAndMetadata()
				.get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not read the group's offsets", ex);
		}
		Set<String> uncommitted = new HashSet<>();
		TopicReader.readToEnd(run.bootstrapServers(), ChaosEvent.TOPIC).forEach((record) -> {
			OffsetAndMetadata offset = committed.get(new TopicPartition(record.topic(), record.partition()));
			if (offset == null || record.offset() >= offset.offset()) {
				uncommitted.add(TopicReader.eventId(record));
			}
		});
		return run.jdbc()
			.sql("SELECT CAST(event_id AS VARCHAR) FROM chaos_effects")
			.query(String.class)
			.list()
			.stream()
			.filter(uncommitted::contains)
			.count();
	}

	/**
	 * Count the lines of a log that contain a text.
	 * @param log the log file
	 * @param text the text
	 * @return the lines
	 */
	static long linesContaining(Path log, String text) {
		try (Stream<String> lines = Files.lines(log)) {
			return lines.filter((line) -> line.contains(text)).count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
