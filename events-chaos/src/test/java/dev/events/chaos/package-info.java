/**
 * The chaos suite: a Kafka broker, PostgreSQL and instances of the chaos application as
 * separate processes, faults dealt to them while events flow, and a verifier that counts what
 * the faults lost, duplicated or reordered.
 */
@NullMarked
package dev.events.chaos;

import org.jspecify.annotations.NullMarked;
