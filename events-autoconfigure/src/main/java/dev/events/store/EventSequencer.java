package dev.events.store;

import java.util.List;
import java.util.stream.IntStream;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Gives committed events their global positions, in the order it finds them committed, one
 * sequencer at a time across instances: each batch holds the sequencer's row until it commits.
 * Positions taken from a sequence at insert would follow the order the events were written, not
 * committed; a reader that had passed a position would then never see an event of a transaction
 * that took a lower one and committed after.
 */
final class EventSequencer {

	private static final String LOCK = "SELECT last_position FROM events_store_sequencer WHERE id = 1 FOR UPDATE";

	private static final String UNSEQUENCED = """
			SELECT id FROM events_store WHERE global_position IS NULL ORDER BY id LIMIT ?""";

	private static final String POSITION = "UPDATE events_store SET global_position = ? WHERE id = ?";

	private static final String ADVANCE = "UPDATE events_store_sequencer SET last_position = ? WHERE id = 1";

	private final JdbcTemplate jdbc;

	private final TransactionOperations transactions;

	private final int batchSize;

	/**
	 * Create a sequencer.
	 * @param jdbc the events database
	 * @param transactions transactions of their own, whatever the caller runs in, so that
	 * positions are committed before they are read
	 * @param batchSize the most events a transaction positions
	 */
	EventSequencer(JdbcTemplate jdbc, TransactionOperations transactions, int batchSize) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.batchSize = batchSize;
	}

	/**
	 * Give a position to every event committed by now that has none.
	 */
	void sequence() {
		int sequenced;
		do {
			sequenced = sequenceBatch();
		}
		while (sequenced == this.batchSize);
	}

	private int sequenceBatch() {
		Integer sequenced = this.transactions.execute((status) -> {
			Long last = this.jdbc.queryForObject(LOCK, Long.class);
			List<Long> ids = this.jdbc.queryForList(UNSEQUENCED, Long.class, this.batchSize);
			if (last == null || ids.isEmpty()) {
				return 0;
			}
			this.jdbc.batchUpdate(POSITION, IntStream.range(0, ids.size())
				.mapToObj((index) -> new Object[] { last + index + 1, ids.get(index) })
				.toList());
			this.jdbc.update(ADVANCE, last + ids.size());
			return ids.size();
		});
		return (sequenced != null) ? sequenced : 0;
	}

}
