/**
 * Dead letters in the database: the store, in order per key, and retrying or discarding them.
 */
@NullMarked
package dev.events.deadletter;

import org.jspecify.annotations.NullMarked;
