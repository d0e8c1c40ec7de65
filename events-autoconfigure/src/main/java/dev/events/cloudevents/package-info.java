/**
 * The CloudEvents 1.0 Kafka binding: how events are written to and read from Kafka records.
 */
@NullMarked
package dev.events.cloudevents;

import org.jspecify.annotations.NullMarked;
