package dev.events.dispatch;

import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Observes each message a gateway hands to its handler as {@code events.<kind>} (a timer with
 * Micrometer, a span with tracing), tagged with the message type and the handler; a failure is
 * the observation's error.
 */
public final class MessageObservations {

	private final ObservationRegistry registry;

	private final String kind;

	private final String name;

	/**
	 * Create the observations of one kind of message.
	 * @param registry the observation registry
	 * @param kind the kind, such as {@code command}: the observation is {@code events.command}
	 * and the message type's tag {@code command}
	 */
	public MessageObservations(ObservationRegistry registry, String kind) {
		this.registry = registry;
		this.kind = kind;
		this.name = "events." + kind;
	}

	/**
	 * Run the handling of a message in its observation.
	 * @param <T> what the handling returns
	 * @param message the message
	 * @param handler its handler
	 * @param handling the handling
	 * @return what the handling returned
	 */
	public <T> @Nullable T observe(Object message, MessageHandler handler, Supplier<@Nullable T> handling) {
		return Observation.createNotStarted(this.name, this.registry)
			.contextualName(this.kind + " " + message.getClass().getSimpleName())
			.lowCardinalityKeyValue(this.kind, message.getClass().getName())
			.lowCardinalityKeyValue("handler", handler.toString())
			.observe(handling);
	}

}
