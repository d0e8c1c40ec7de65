package dev.events.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes the oldest rows of a table before a cutoff in bounded batches, each statement its own
 * transaction, so that cleaning up millions of rows never holds their locks at once. Only the
 * rows a batch deletes are locked: PostgreSQL deletes the batch by row address in one statement;
 * on MariaDB, whose planner scans (and locks) the whole table once old rows are a large share of
 * it, or once a list of keys is long, the batch's keys are read without locks first and deleted
 * one by one by key, in one transaction.
 */
public final class OldestRows {

	private final JdbcTemplate jdbc;

	private final JdbcDialect dialect;

	private final String table;

	private final String timeColumn;

	private final List<String> keyColumns;

	private final TransactionTemplate transactions;

	/**
	 * Describe the old rows of a table.
	 * @param dataSource the data source holding the table
	 * @param dialect the database's dialect
	 * @param table the table
	 * @param timeColumn the indexed column the cutoff applies to
	 * @param keyColumns the columns of the table's primary key
	 */
	public OldestRows(DataSource dataSource, JdbcDialect dialect, String table, String timeColumn,
			List<String> keyColumns) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.dialect = dialect;
		this.table = table;
		this.timeColumn = timeColumn;
		this.keyColumns = List.copyOf(keyColumns);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
	}

	/**
	 * Delete the oldest rows before the cutoff, at most the given number.
	 * @param cutoff rows whose time is before this are deleted
	 * @param limit the most rows to delete
	 * @return the number of deleted rows; fewer than the limit once none are left
	 */
	public int deleteBefore(Instant cutoff, int limit) {
		OffsetDateTime before = OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC);
		return switch (this.dialect) {
			case POSTGRESQL -> this.jdbc.update("""
					DELETE FROM %1$s WHERE ctid = ANY(ARRAY(
					    SELECT ctid FROM %1$s WHERE %2$s < ? ORDER BY %2$s LIMIT ?))
					""".formatted(this.table, this.timeColumn), before, limit);
			case H2 -> this.jdbc.update("DELETE FROM %s WHERE %s < ? FETCH FIRST ? ROWS ONLY"
				.formatted(this.table, this.timeColumn), before, limit);
			case MARIADB -> deleteByKey(before, limit);
		};
	}

	private int deleteByKey(OffsetDateTime before, int limit) {
		List<Object[]> oldest = this.jdbc.query("SELECT %s FROM %s WHERE %s < ? ORDER BY %s LIMIT ?".formatted(
				String.join(", ", this.keyColumns), this.table, this.timeColumn, this.timeColumn),
				(row, rowNum) -> keyAndCutoff(row, before), before, limit);
		if (oldest.isEmpty()) {
			return 0;
		}
		String delete = "DELETE FROM %s WHERE %s AND %s < ?".formatted(this.table,
				String.join(" AND ", this.keyColumns.stream().map((column) -> column + " = ?").toList()),
				this.timeColumn);
		int[] counts = this.transactions.execute((status) -> this.jdbc.batchUpdate(delete, oldest));
		return Arrays.stream(counts).map((count) -> (count == Statement.SUCCESS_NO_INFO) ? 1 : count).sum();
	}

	private Object[] keyAndCutoff(ResultSet row, OffsetDateTime before) throws SQLException {
		Object[] parameters = new Object[this.keyColumns.size() + 1];
		for (int column = 0; column < this.keyColumns.size(); column++) {
			parameters[column] = row.getObject(column + 1);
		}
		parameters[this.keyColumns.size()] = before;
		return parameters;
	}

}
