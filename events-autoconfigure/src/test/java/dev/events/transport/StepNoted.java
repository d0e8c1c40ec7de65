package dev.events.transport;

import dev.events.type.DomainEvent;

/**
 * A note on a step: on the steps' topic, but not a step, so a handler of steps skips it.
 * @param key the key
 * @param number the step's number
 */
@DomainEvent(type = "dev.events.transport.NoteOnStep", topic = "contract-steps", key = "key")
record StepNoted(String key, int number) {
}
