/**
 * Publishing domain events: the {@link dev.events.publish.EventPublisher} API and its outbox and direct
 * implementations.
 */
@NullMarked
package dev.events.publish;

import org.jspecify.annotations.NullMarked;
