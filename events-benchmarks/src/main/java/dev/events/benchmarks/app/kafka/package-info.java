/**
 * The workloads on Kafka alone, each beside its raw baseline in the same service: publishing
 * without an outbox against a raw {@code KafkaTemplate}, and an {@code @EventHandler} with the
 * inbox against a raw {@code @KafkaListener}. {@code bench.mode} chooses one.
 */
@NullMarked
package dev.events.benchmarks.app.kafka;

import org.jspecify.annotations.NullMarked;
