package dev.events.benchmarks.app.kafka;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import dev.events.benchmarks.app.Measured;
import dev.events.consume.EventEnvelope;
import dev.events.consume.EventHandler;

/**
 * An {@code @EventHandler} whose own body is empty, through the PostgreSQL inbox: what it costs
 * beyond a raw listener is the starter's.
 */
@Component
@ConditionalOnProperty(name = "bench.mode", havingValue = "handler")
class EmptyEventHandler {

	private final ConsumedEvents consumed;

	EmptyEventHandler(ConsumedEvents consumed) {
		this.consumed = consumed;
	}

	@EventHandler(id = ConsumeDriver.CONSUMER_ID)
	void handle(EventEnvelope<Measured> event) {
		this.consumed.record(event.id(), event.payload().measured());
	}

}
