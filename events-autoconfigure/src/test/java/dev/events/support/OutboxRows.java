package dev.events.support;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the outbox table directly, to check what a test left there.
 */
public final class OutboxRows {

	private final JdbcClient jdbc;

	public OutboxRows(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	public long pending(String topic) {
		return count("topic = ? AND sent_at IS NULL AND parked_at IS NULL", topic);
	}

	public long parked(String topic) {
		return count("topic = ? AND parked_at IS NOT NULL", topic);
	}

	public long all(String topic) {
		return count("topic = ?", topic);
	}

	private long count(String condition, String topic) {
		return this.jdbc.sql("SELECT COUNT(*) FROM events_outbox WHERE " + condition)
			.param(topic)
			.query(Long.class)
			.single();
	}

}
