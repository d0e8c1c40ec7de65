package dev.events.test.billing;

import dev.events.type.DomainEvent;

/**
 * An order was placed.
 * @param orderId the order
 * @param customerId who placed it
 * @param cents its amount
 */
@DomainEvent(type = "dev.events.test.OrderPlaced", topic = "orders", key = "orderId")
public record OrderPlaced(String orderId, String customerId, long cents) {
}
