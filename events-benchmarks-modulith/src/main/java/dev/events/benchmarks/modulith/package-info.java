/**
 * The benchmarks' peer on Spring Modulith, run as a JVM of its own.
 */
@NullMarked
package dev.events.benchmarks.modulith;

import org.jspecify.annotations.NullMarked;
