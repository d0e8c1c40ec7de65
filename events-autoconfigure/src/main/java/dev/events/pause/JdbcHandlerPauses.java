package dev.events.pause;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.events.jdbc.JdbcDialect;

/**
 * {@link HandlerPauses} in {@code events_handler_pause} and {@code events_handler_instance}.
 */
public class JdbcHandlerPauses implements HandlerPauses {

	private final JdbcClient jdbc;

	private final String insertPause;

	private final String insertReport;

	/**
	 * Create the store.
	 * @param dataSource the data source holding the tables
	 * @param dialect the database's dialect
	 */
	public JdbcHandlerPauses(DataSource dataSource, JdbcDialect dialect) {
		this.jdbc = JdbcClient.create(dataSource);
		this.insertPause = dialect.insertUnlessDuplicate("events_handler_pause", List.of("handler_id", "paused_at"));
		this.insertReport = dialect.insertUnlessDuplicate("events_handler_instance",
				List.of("handler_id", "instance_id", "paused", "seen_at"));
	}

	@Override
	public void pause(String handlerId, Instant at) {
		insertUnlessDuplicate(this.insertPause, handlerId, time(at));
	}

	@Override
	public void resume(String handlerId) {
		this.jdbc.sql("DELETE FROM events_handler_pause WHERE handler_id = ?").param(handlerId).update();
	}

	@Override
	public Set<String> paused() {
		return new HashSet<>(this.jdbc.sql("SELECT handler_id FROM events_handler_pause").query(String.class).list());
	}

	@Override
	public void report(String instanceId, Map<String, Boolean> paused, Instant at) {
		paused.forEach((handlerId, isPaused) -> {
			int updated = this.jdbc
				.sql("UPDATE events_handler_instance SET paused = ?, seen_at = ? WHERE handler_id = ? AND instance_id = ?")
				.params(isPaused, time(at), handlerId, instanceId)
				.update();
			if (updated == 0) {
				insertUnlessDuplicate(this.insertReport, handlerId, instanceId, isPaused, time(at));
			}
		});
	}

	@Override
	public Map<String, Map<String, InstanceReport>> reports() {
		Map<String, Map<String, InstanceReport>> reports = new TreeMap<>();
		this.jdbc.sql("SELECT handler_id, instance_id, paused, seen_at FROM events_handler_instance")
			.query((row) -> {
				reports.computeIfAbsent(row.getString("handler_id"), (handler) -> new TreeMap<>())
					.put(row.getString("instance_id"), new InstanceReport(row.getBoolean("paused"),
							row.getObject("seen_at", OffsetDateTime.class).toInstant()));
			});
		return reports;
	}

	private void insertUnlessDuplicate(String sql, Object... values) {
		try {
			this.jdbc.sql(sql).params(values).update();
		}
		catch (DuplicateKeyException ex) {
			// written by another instance at the same moment
		}
	}

	private static OffsetDateTime time(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
