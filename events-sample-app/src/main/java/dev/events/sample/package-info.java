/**
 * A sample order service built on {@code events}.
 */
@NullMarked
package dev.events.sample;

import org.jspecify.annotations.NullMarked;
