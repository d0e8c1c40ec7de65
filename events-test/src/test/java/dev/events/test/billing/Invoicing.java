package dev.events.test.billing;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import dev.events.consume.EventHandler;
import dev.events.publish.EventPublisher;

/**
 * Invoices each order placed, once, and says so with an event; orders of no amount are refused.
 */
@Component
public class Invoicing {

	private final Map<String, Long> invoiced = new ConcurrentHashMap<>();

	private final EventPublisher publisher;

	Invoicing(EventPublisher publisher) {
		this.publisher = publisher;
	}

	@EventHandler
	void invoice(OrderPlaced order) {
		if (order.cents() <= 0) {
			return;
		}
		this.invoiced.put(order.orderId(), order.cents());
		this.publisher.publish(new InvoiceIssued(order.orderId(), order.cents()));
	}

	/**
	 * Return the amount invoiced for an order.
	 * @param orderId the order
	 * @return the amount, empty until it is invoiced
	 */
	public Optional<Long> invoicedFor(String orderId) {
		return Optional.ofNullable(this.invoiced.get(orderId));
	}

}
