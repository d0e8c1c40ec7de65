/**
 * The inbox: one row per handler and event id, written in the handler's transaction, so a
 * handler's database effects happen once per event however often Kafka delivers it.
 */
@NullMarked
package dev.events.inbox;

import org.jspecify.annotations.NullMarked;
