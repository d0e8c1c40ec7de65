package dev.events.sample.shipping;

import org.springframework.stereotype.Component;

import dev.events.consume.EventEnvelope;
import dev.events.consume.EventHandler;
import dev.events.sample.billing.InvoiceIssued;
import dev.events.sample.orders.OrderStatus;
import dev.events.sample.orders.Orders;

/**
 * Ships invoiced orders.
 */
@Component
class Shipping {

	private final Orders orders;

	Shipping(Orders orders) {
		this.orders = orders;
	}

	@EventHandler(id = "shipping")
	void ship(EventEnvelope<InvoiceIssued> invoiced) {
		this.orders.advance(invoiced.tenantId(), invoiced.payload().orderId(), OrderStatus.SHIPPED);
	}

}
