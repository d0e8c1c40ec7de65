/**
 * Auto-configuration of {@code events}.
 */
@NullMarked
package dev.events.autoconfigure;

import org.jspecify.annotations.NullMarked;
