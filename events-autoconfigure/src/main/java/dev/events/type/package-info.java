/**
 * Event types: which CloudEvent type, topic and partition key belong to an event class.
 */
@NullMarked
package dev.events.type;

import org.jspecify.annotations.NullMarked;
