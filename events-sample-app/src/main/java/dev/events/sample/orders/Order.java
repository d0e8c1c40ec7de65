package dev.events.sample.orders;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * An order of one tenant.
 *
 * @param id the order id
 * @param customerId the customer
 * @param amount the amount
 * @param status where the order is
 */
public record Order(UUID id, String customerId, BigDecimal amount, OrderStatus status) {

}
