package dev.events.chaos;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.events.chaos.app.ChaosEvent;
import dev.events.test.KeyOrder;
import dev.events.test.TopicReader;

/**
 * Reads what the driver committed and rolled back, what the handlers applied and what is on the
 * topics, and counts every way they disagree.
 */
final class Verifier {

	private final JdbcClient jdbc;

	private final String bootstrapServers;

	Verifier(DataSource dataSource, String bootstrapServers) {
		this.jdbc = JdbcClient.create(dataSource);
		this.bootstrapServers = bootstrapServers;
	}

	Verdict verify() {
		Map<String, PublishedEvent> committed = new HashMap<>();
		this.jdbc.sql("SELECT event_id, chaos_key, seq FROM chaos_published")
			.query((row) -> {
				committed.put(row.getString(1), new PublishedEvent(row.getString(2), row.getLong(3)));
			});
		Set<String> notCommitted = new HashSet<>();
		KeyOrder topic = new KeyOrder();
		TopicReader.readToEnd(this.bootstrapServers, ChaosEvent.TOPIC).forEach((record) -> {
			String id = TopicReader.eventId(record);
			PublishedEvent event = committed.get(id);
			if (event == null) {
				notCommitted.add(id);
			}
			else {
				topic.deliver(id, event.key(), event.seq());
			}
		});
		KeyOrder handlers = new KeyOrder();
		this.jdbc.sql("SELECT event_id, chaos_key, seq FROM chaos_effects ORDER BY id").query((row) -> {
			String id = row.getString(1);
			PublishedEvent event = committed.get(id);
			if (event == null) {
				notCommitted.add(id);
			}
			else {
				handlers.deliver(id, event.key(), event.seq());
			}
		});
		int deadLetters = TopicReader.readToEnd(this.bootstrapServers, ChaosEvent.DEAD_LETTER_TOPIC).size()
				+ count("SELECT COUNT(*) FROM events_dead_letter");
		return new Verdict(committed.size(), count("SELECT COUNT(*) FROM chaos_rolled_back"),
				missing(committed.keySet(), handlers.events()), missing(committed.keySet(), topic.events()),
				handlers.duplicates(), topic.duplicates(), topic.violations().size(), handlers.violations().size(),
				notCommitted.size(), deadLetters,
				count("SELECT COUNT(*) FROM events_outbox WHERE parked_at IS NOT NULL"),
				count("SELECT COUNT(*) FROM events_outbox WHERE sent_at IS NULL"),
				count("SELECT COUNT(*) FROM events_inbox"));
	}

	private int count(String sql) {
		return this.jdbc.sql(sql).query(Integer.class).single();
	}

	private static int missing(Set<String> expected, Set<String> present) {
		return (int) expected.stream().filter((id) -> !present.contains(id)).count();
	}

}
