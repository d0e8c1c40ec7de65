/**
 * Ahead-of-time processing: the reflection and resource hints that {@code events} needs when the
 * application runs AOT-processed, and in a native image.
 */
@NullMarked
package dev.events.aot;

import org.jspecify.annotations.NullMarked;
