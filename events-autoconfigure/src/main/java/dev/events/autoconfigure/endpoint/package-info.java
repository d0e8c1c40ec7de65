/**
 * Auto-configuration of the {@code events} actuator endpoint.
 */
@NullMarked
package dev.events.autoconfigure.endpoint;

import org.jspecify.annotations.NullMarked;
