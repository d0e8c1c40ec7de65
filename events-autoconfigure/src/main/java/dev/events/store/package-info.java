/**
 * The event store: streams of events kept as the source of truth, appended with optimistic
 * concurrency and published through the outbox in the same transaction.
 */
@NullMarked
package dev.events.store;

import org.jspecify.annotations.NullMarked;
