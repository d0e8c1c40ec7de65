/**
 * Test support for applications that use {@code events}: a real Kafka broker and a real
 * PostgreSQL started in-process, and a reader of the CloudEvents on a topic.
 */
@NullMarked
package dev.events.test;

import org.jspecify.annotations.NullMarked;
