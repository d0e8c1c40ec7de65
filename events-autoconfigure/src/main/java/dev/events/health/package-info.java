/**
 * Health of {@code events}: Kafka, the outbox backlog and the handlers' consumers.
 */
@NullMarked
package dev.events.health;

import org.jspecify.annotations.NullMarked;
