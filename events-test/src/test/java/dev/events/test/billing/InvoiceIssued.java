package dev.events.test.billing;

import dev.events.type.DomainEvent;

/**
 * An order was invoiced.
 * @param orderId the order
 * @param cents the amount invoiced
 */
@DomainEvent(type = "dev.events.test.InvoiceIssued", topic = "invoices", key = "orderId")
public record InvoiceIssued(String orderId, long cents) {
}
