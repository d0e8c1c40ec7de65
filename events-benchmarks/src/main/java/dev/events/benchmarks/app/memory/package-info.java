/**
 * The workload on the in-memory transport: events published by the service's threads without a
 * transaction, to its own {@code @EventHandler}, with no broker. {@code bench.mode=memory}.
 */
@NullMarked
package dev.events.benchmarks.app.memory;

import org.jspecify.annotations.NullMarked;
