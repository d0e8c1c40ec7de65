/**
 * Accounts, event-sourced: each account is the fold of its stream in the event store, whose
 * events also reach the statement handler through Kafka.
 */
@NullMarked
package dev.events.sample.accounts;

import org.jspecify.annotations.NullMarked;
