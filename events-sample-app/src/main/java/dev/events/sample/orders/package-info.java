/**
 * Orders: the HTTP API, their storage and the OrderPlaced event.
 */
@NullMarked
package dev.events.sample.orders;

import org.jspecify.annotations.NullMarked;
