package dev.events.transport;

import dev.events.type.DomainEvent;

/**
 * A step of a key, numbered in the order of its key.
 * @param key the key
 * @param number the step's number
 */
@DomainEvent(type = "dev.events.transport.StepTaken", topic = "contract-steps", key = "key")
record StepTaken(String key, int number) {
}
