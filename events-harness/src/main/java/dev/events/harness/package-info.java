/**
 * Real services as processes of their own, for the chaos suite and the benchmarks: a Kafka broker
 * run from Kafka's jars on the classpath, PostgreSQL from the embedded binaries, and any JVM, each
 * of which can be killed, frozen and restarted. Never deployed.
 */
@NullMarked
package dev.events.harness;

import org.jspecify.annotations.NullMarked;
