/**
 * Test support for applications that use {@code events}. From {@code events-test-embedded}: a
 * real Kafka broker and a real PostgreSQL started in-process, a MariaDB from the machine's
 * installation, and a reader of the CloudEvents on a topic. From {@code events-test}, which
 * brings those along: the events a test published and assertions on them, a scenario that waits
 * for what handlers do, and the {@code @EventsTest} slice on the in-memory transport.
 */
@NullMarked
package dev.events.test;

import org.jspecify.annotations.NullMarked;
