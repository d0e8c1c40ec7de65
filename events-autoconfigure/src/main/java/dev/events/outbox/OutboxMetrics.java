package dev.events.outbox;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Gauges of the outbox backlog: pending events, the age of the oldest one and parked events.
 */
public class OutboxMetrics implements MeterBinder {

	private final OutboxMonitor monitor;

	/**
	 * Create the gauges' binder.
	 * @param monitor reads the backlog
	 */
	public OutboxMetrics(OutboxMonitor monitor) {
		this.monitor = monitor;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("events.outbox.pending", this.monitor, (monitor) -> monitor.backlog().pending())
			.description("Outbox events not yet sent")
			.register(registry);
		TimeGauge
			.builder("events.outbox.oldest.age", this.monitor, TimeUnit.MILLISECONDS,
					(monitor) -> monitor.oldestPendingAge().toMillis())
			.description("How long the oldest pending outbox event has waited")
			.register(registry);
		Gauge.builder("events.outbox.parked", this.monitor, (monitor) -> monitor.backlog().parked())
			.description("Outbox events parked after too many failed sends")
			.register(registry);
	}

}
