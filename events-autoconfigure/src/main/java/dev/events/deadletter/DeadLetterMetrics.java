package dev.events.deadletter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.SmartLifecycle;

import dev.events.consume.DeadLetterReasons;
import dev.events.consume.EventHandlers;

/**
 * The {@code events.dead.letters} gauges: live dead letters per handler and reason. They are
 * registered when the application starts, once the handlers are known.
 */
public class DeadLetterMetrics implements SmartLifecycle {

	private final DeadLetterMonitor monitor;

	private final EventHandlers handlers;

	private final MeterRegistry registry;

	private volatile boolean running;

	/**
	 * Create the gauges' registrar.
	 * @param monitor counts the dead letters
	 * @param handlers the handlers to register gauges of
	 * @param registry where to register them
	 */
	public DeadLetterMetrics(DeadLetterMonitor monitor, EventHandlers handlers, MeterRegistry registry) {
		this.monitor = monitor;
		this.handlers = handlers;
		this.registry = registry;
	}

	@Override
	public void start() {
		for (String handlerId : this.handlers.ids()) {
			for (String reason : DeadLetterReasons.all()) {
				Gauge.builder("events.dead.letters", this.monitor, (monitor) -> monitor.count(handlerId, reason))
					.description("Live dead letters in the database, by handler and reason")
					.tag("handler", handlerId)
					.tag("reason", reason)
					.register(this.registry);
			}
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
