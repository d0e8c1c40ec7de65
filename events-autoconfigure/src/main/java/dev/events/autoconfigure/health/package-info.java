/**
 * Auto-configuration of the {@code events} health indicator.
 */
@NullMarked
package dev.events.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
