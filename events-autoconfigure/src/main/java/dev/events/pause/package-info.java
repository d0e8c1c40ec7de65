/**
 * Pausing handlers cluster-wide: a flag in the database that every instance's listener
 * containers follow.
 */
@NullMarked
package dev.events.pause;

import org.jspecify.annotations.NullMarked;
