/**
 * Handling events: {@link dev.events.consume.EventHandler} methods run by spring-kafka
 * listener containers, with the inbox, retries and the dead-letter topic.
 */
@NullMarked
package dev.events.consume;

import org.jspecify.annotations.NullMarked;
