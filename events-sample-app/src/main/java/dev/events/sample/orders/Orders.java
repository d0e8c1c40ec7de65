package dev.events.sample.orders;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.events.context.EventContext;
import dev.events.publish.EventPublisher;

/**
 * Stores orders and moves them through their statuses, one tenant at a time.
 */
@Service
public class Orders {

	private final JdbcClient jdbc;

	private final EventPublisher events;

	Orders(JdbcClient jdbc, EventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	/**
	 * Store a new order and publish {@link OrderPlaced} for its tenant in the same transaction.
	 * @param tenantId the tenant
	 * @param customerId the customer
	 * @param amount the amount
	 * @return the order
	 */
	@Transactional
	public Order place(String tenantId, String customerId, BigDecimal amount) {
		Order order = new Order(UUID.randomUUID(), customerId, amount, OrderStatus.PLACED);
		this.jdbc.sql("""
				INSERT INTO orders (id, tenant_id, customer_id, amount, status, placed_at)
				VALUES (?, ?, ?, ?, ?, ?)
				""").params(order.id(), tenantId, customerId, amount, order.status().name(), OffsetDateTime.now()).update();
		this.events.publish(new OrderPlaced(order.id(), customerId, amount), EventContext.empty().withTenantId(tenantId));
		return order;
	}

	/**
	 * Find an order of a tenant.
	 * @param tenantId the tenant
	 * @param id the order id
	 * @return the order, empty if the tenant has no such order
	 */
	public Optional<Order> find(String tenantId, UUID id) {
		return this.jdbc.sql("SELECT id, customer_id, amount, status FROM orders WHERE tenant_id = ? AND id = ?")
			.params(tenantId, id)
			.query((row, rowNum) -> new Order(row.getObject("id", UUID.class), row.getString("customer_id"),
					row.getBigDecimal("amount"), OrderStatus.valueOf(row.getString("status"))))
			.optional();
	}

	/**
	 * Move an order of a tenant to a new status, in the caller's transaction.
	 * @param tenantId the tenant
	 * @param id the order id
	 * @param status the new status
	 */
	public void advance(String tenantId, UUID id, OrderStatus status) {
		int updated = this.jdbc.sql("UPDATE orders SET status = ? WHERE tenant_id = ? AND id = ?")
			.params(status.name(), tenantId, id)
			.update();
		if (updated != 1) {
			throw new IllegalStateException("Tenant %s has no order %s".formatted(tenantId, id));
		}
	}

}
