/**
 * The service the benchmarks measure, run as a JVM of its own.
 */
@NullMarked
package dev.events.benchmarks.app;

import org.jspecify.annotations.NullMarked;
