package dev.events.sample.billing;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * Billing refuses an order above its limit.
 */
class PaymentDeclinedException extends RuntimeException {

	PaymentDeclinedException(UUID orderId, BigDecimal amount, BigDecimal limit) {
		super("Order %s for %s is above the billing limit of %s".formatted(orderId, amount, limit));
	}

}
