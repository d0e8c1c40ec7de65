/**
 * The application the chaos suite runs as separate processes: a driver that publishes a known
 * plan of events and a handler whose effects are counted.
 */
@NullMarked
package dev.events.chaos.app;

import org.jspecify.annotations.NullMarked;
