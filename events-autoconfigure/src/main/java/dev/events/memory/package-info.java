/**
 * The in-memory transport ({@code events.transport=in-memory}): events published in the
 * application go, as the same CloudEvent records Kafka would carry, to its own
 * {@link dev.events.consume.EventHandler} methods, with the same inbox, retries and dead letters,
 * without a broker.
 */
@NullMarked
package dev.events.memory;

import org.jspecify.annotations.NullMarked;
