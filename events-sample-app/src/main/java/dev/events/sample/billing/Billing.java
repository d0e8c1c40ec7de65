package dev.events.sample.billing;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.events.consume.EventEnvelope;
import dev.events.consume.EventHandler;
import dev.events.publish.EventPublisher;
import dev.events.sample.orders.OrderPlaced;
import dev.events.sample.orders.OrderStatus;
import dev.events.sample.orders.Orders;

/**
 * Invoices placed orders. Runs once per event: the invoice, the status change and the
 * {@link InvoiceIssued} event commit together with the inbox row.
 */
@Component
class Billing {

	private final JdbcClient jdbc;

	private final Orders orders;

	private final EventPublisher events;

	private final BillingLimit limit;

	Billing(JdbcClient jdbc, Orders orders, EventPublisher events, BillingLimit limit) {
		this.jdbc = jdbc;
		this.orders = orders;
		this.events = events;
		this.limit = limit;
	}

	@EventHandler(id = "billing", nonRetryable = PaymentDeclinedException.class)
	void invoice(EventEnvelope<OrderPlaced> placed) {
		OrderPlaced order = placed.payload();
		BigDecimal limit = this.limit.get();
		if (order.amount().compareTo(limit) > 0) {
			throw new PaymentDeclinedException(order.orderId(), order.amount(), limit);
		}
		UUID invoiceId = UUID.randomUUID();
		this.jdbc.sql("INSERT INTO invoices (id, order_id, tenant_id, amount, issued_at) VALUES (?, ?, ?, ?, ?)")
			.params(invoiceId, order.orderId(), placed.tenantId(), order.amount(), OffsetDateTime.now())
			.update();
		this.orders.advance(placed.tenantId(), order.orderId(), OrderStatus.INVOICED);
		this.events.publish(new InvoiceIssued(invoiceId, order.orderId(), order.amount()));
	}

}
