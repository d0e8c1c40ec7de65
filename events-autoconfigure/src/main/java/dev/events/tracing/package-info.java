/**
 * Trace context for events, from Micrometer Tracing.
 */
@NullMarked
package dev.events.tracing;

import org.jspecify.annotations.NullMarked;
