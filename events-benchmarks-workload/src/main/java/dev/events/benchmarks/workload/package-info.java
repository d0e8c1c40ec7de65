/**
 * The workload of the benchmarks, the same for every service they measure: a service imports
 * {@link dev.events.benchmarks.workload.WorkloadConfiguration} and supplies how it publishes an
 * event and how many it has yet to send.
 */
@NullMarked
package dev.events.benchmarks.workload;

import org.jspecify.annotations.NullMarked;
