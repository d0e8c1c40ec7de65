package dev.events.transport;

import dev.events.type.DomainEvent;

/**
 * A step, echoed by a handler of {@link StepTaken}.
 * @param key the key
 * @param number the step's number
 */
@DomainEvent(type = "dev.events.transport.StepEchoed", topic = "contract-echoes", key = "key")
record StepEchoed(String key, int number) {
}
