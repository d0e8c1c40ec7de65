package dev.events.sample.accounts;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.events.consume.EventEnvelope;
import dev.events.consume.EventHandler;

/**
 * Keeps each account's statement, a read model fed by the accounts' events from Kafka: one line
 * per event, written once (the inbox row commits with it), in the order of the account's stream.
 */
@Component
public class Statements {

	private final JdbcClient jdbc;

	Statements(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventHandler(id = "statements")
	void record(EventEnvelope<AccountEvent> event) {
		AccountEvent payload = event.payload();
		this.jdbc.sql("""
				INSERT INTO account_statement_lines (event_id, tenant_id, account_id, entry, amount, recorded_at)
				VALUES (?, ?, ?, ?, ?, ?)
				""")
			.params(event.id(), event.tenantId(), payload.accountId(), entry(payload), amount(payload),
					Objects.requireNonNullElseGet(event.time(), OffsetDateTime::now))
			.update();
	}

	/**
	 * Return an account's statement as far as its events have arrived.
	 * @param tenantId the tenant
	 * @param accountId the account
	 * @return its lines, oldest first
	 */
	public List<StatementLine> of(String tenantId, String accountId) {
		return this.jdbc.sql("""
				SELECT entry, amount, recorded_at FROM account_statement_lines
				WHERE tenant_id = ? AND account_id = ? ORDER BY line
				""")
			.params(tenantId, accountId)
			.query((row, rowNum) -> new StatementLine(row.getString("entry"), row.getBigDecimal("amount"),
					row.getObject("recorded_at", OffsetDateTime.class)))
			.list();
	}

	private static String entry(AccountEvent event) {
		if (event instanceof AccountCredited) {
			return "CREDIT";
		}
		return (event instanceof AccountDebited) ? "DEBIT" : "OPENED";
	}

	private static BigDecimal amount(AccountEvent event) {
		if (event instanceof AccountCredited credited) {
			return credited.amount();
		}
		return (event instanceof AccountDebited debited) ? debited.amount().negate() : BigDecimal.ZERO;
	}

	/**
	 * A line of a statement.
	 *
	 * @param entry {@code OPENED}, {@code CREDIT} or {@code DEBIT}
	 * @param amount what the balance changed by
	 * @param time when the event happened
	 */
	public record StatementLine(String entry, BigDecimal amount, OffsetDateTime time) {

	}

}
