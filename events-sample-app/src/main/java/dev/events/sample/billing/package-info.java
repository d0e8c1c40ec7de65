/**
 * Billing: invoices placed orders, once per event, and declines orders above its limit.
 */
@NullMarked
package dev.events.sample.billing;

import org.jspecify.annotations.NullMarked;
