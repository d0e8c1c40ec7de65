package dev.events.sample.orders;

import java.math.BigDecimal;
import java.util.UUID;

import dev.events.type.DomainEvent;

/**
 * An order was placed.
 *
 * @param orderId the order
 * @param customerId the customer
 * @param amount the amount to bill
 */
@DomainEvent(type = "dev.events.sample.OrderPlaced", topic = "orders", key = "orderId")
public record OrderPlaced(UUID orderId, String customerId, BigDecimal amount) {

}
