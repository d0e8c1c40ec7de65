/**
 * The {@code events} actuator endpoint: what handlers, the outbox and the publisher are doing,
 * and the operations on dead letters and parked events.
 */
@NullMarked
package dev.events.endpoint;

import org.jspecify.annotations.NullMarked;
