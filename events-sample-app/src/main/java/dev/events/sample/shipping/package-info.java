/**
 * Shipping: ships invoiced orders.
 */
@NullMarked
package dev.events.sample.shipping;

import org.jspecify.annotations.NullMarked;
