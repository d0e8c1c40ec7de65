package dev.events.sample.billing;

import java.math.BigDecimal;
import java.util.UUID;

import dev.events.type.DomainEvent;

/**
 * Billing invoiced an order.
 *
 * @param invoiceId the invoice
 * @param orderId the order
 * @param amount the invoiced amount
 */
@DomainEvent(type = "dev.events.sample.InvoiceIssued", topic = "invoices", key = "orderId")
public record InvoiceIssued(UUID invoiceId, UUID orderId, BigDecimal amount) {

}
