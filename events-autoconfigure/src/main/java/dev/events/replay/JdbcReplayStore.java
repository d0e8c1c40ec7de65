package dev.events.replay;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.events.jdbc.JdbcDialect;

/**
 * {@link ReplayStore} in {@code events_replay} and {@code events_replay_partition}.
 */
public class JdbcReplayStore implements ReplayStore {

	private static final String REQUEST_COLUMNS = "id, handler_id, mode, from_time, to_time, requested_at";

	private static final String WINDOW_COLUMNS = """
			w.replay_id, w.topic, w.topic_partition, w.start_offset, w.end_offset, w.resume_offset, w.instance_id,
			    w.applied_at, w.done_at""";

	private final JdbcClient jdbc;

	private final String insertWindow;

	/**
	 * Create the store.
	 * @param dataSource the data source holding the tables
	 * @param dialect the database's dialect
	 */
	public JdbcReplayStore(DataSource dataSource, JdbcDialect dialect) {
		this.jdbc = JdbcClient.create(dataSource);
		this.insertWindow = dialect.insertUnlessDuplicate("events_replay_partition",
				List.of("replay_id", "topic", "topic_partition", "start_offset", "end_offset", "resume_offset",
						"instance_id", "applied_at"));
	}

	@Override
	public void save(ReplayRequest request) {
		this.jdbc.sql("INSERT INTO events_replay (" + REQUEST_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")
			.params(request.id(), request.handlerId(), request.mode().name(), time(request.from()),
					time(request.to()), time(request.requestedAt()))
			.update();
	}

	@Override
	public List<ReplayRequest> requests() {
		return this.jdbc.sql("SELECT " + REQUEST_COLUMNS + " FROM events_replay ORDER BY requested_at, id")
			.query(JdbcReplayStore::request)
			.list();
	}

	@Override
	public Optional<ReplayRequest> find(String id) {
		return this.jdbc.sql("SELECT " + REQUEST_COLUMNS + " FROM events_replay WHERE id = ?")
			.param(id)
			.query(JdbcReplayStore::request)
			.optional();
	}

	@Override
	public List<ReplayWindow> windows(String replayId) {
		return this.jdbc.sql("SELECT " + WINDOW_COLUMNS
				+ " FROM events_replay_partition w WHERE w.replay_id = ? ORDER BY w.topic, w.topic_partition")
			.param(replayId)
			.query(JdbcReplayStore::window)
			.list();
	}

	@Override
	public boolean record(ReplayWindow window) {
		try {
			return this.jdbc.sql(this.insertWindow)
				.params(window.replayId(), window.topic(), window.partition(), window.startOffset(),
						window.endOffset(), window.resumeOffset(), window.instanceId(), time(window.appliedAt()))
				.update() == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	@Override
	public List<ReplayWindow> underWay(String handlerId, Collection<TopicPartition> partitions) {
		Set<TopicPartition> wanted = Set.copyOf(partitions);
		return this.jdbc.sql("SELECT " + WINDOW_COLUMNS + """
				 FROM events_replay_partition w JOIN events_replay r ON r.id = w.replay_id
				WHERE r.handler_id = ? AND w.done_at IS NULL
				ORDER BY r.requested_at, r.id
				""")
			.param(handlerId)
			.query(JdbcReplayStore::window)
			.list()
			.stream()
			.filter((window) -> wanted.contains(window.topicPartition()))
			.toList();
	}

	@Override
	public void done(ReplayWindow window, Instant at) {
		this.jdbc.sql("""
				UPDATE events_replay_partition SET done_at = ?
				WHERE replay_id = ? AND topic = ? AND topic_partition = ? AND done_at IS NULL
				""").params(time(at), window.replayId(), window.topic(), window.partition()).update();
	}

	@Override
	public int deleteRequestedBefore(Instant cutoff) {
		OffsetDateTime before = time(cutoff);
		this.jdbc.sql("""
				DELETE FROM events_replay_partition
				WHERE replay_id IN (SELECT id FROM events_replay WHERE requested_at < ?)
				""").param(before).update();
		return this.jdbc.sql("DELETE FROM events_replay WHERE requested_at < ?").param(before).update();
	}

	private static ReplayRequest request(ResultSet row, int rowNum) throws SQLException {
		return new ReplayRequest(row.getString("id"), row.getString("handler_id"),
				ReplayMode.valueOf(row.getString("mode")), instant(row, "from_time"), nullableInstant(row, "to_time"),
				instant(row, "requested_at"));
	}

	private static ReplayWindow window(ResultSet row, int rowNum) throws SQLException {
		return new ReplayWindow(row.getString("replay_id"), row.getString("topic"), row.getInt("topic_partition"),
				row.getLong("start_offset"), row.getLong("end_offset"), row.getLong("resume_offset"),
				row.getString("instance_id"), instant(row, "applied_at"), nullableInstant(row, "done_at"));
	}

	private static Instant instant(ResultSet row, String column) throws SQLException {
		return row.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static @Nullable Instant nullableInstant(ResultSet row, String column) throws SQLException {
		OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
		return (time != null) ? time.toInstant() : null;
	}

	private static @Nullable OffsetDateTime time(@Nullable Instant instant) {
		return (instant != null) ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : null;
	}

}
