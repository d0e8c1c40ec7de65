package dev.events.chaos;

import java.time.Duration;

/**
 * How big a chaos run is, chosen with {@code -Dchaos.scale}: {@code smoke}, the reduced run CI
 * makes of scenarios 1, 2 (30 s), 3 and 5, or {@code full}, every scenario at full size.
 *
 * @param name the scale's name
 * @param events events per scenario
 * @param keys keys they spread over
 * @param rate events per second a throttled driver publishes
 * @param longBrokerOutage the longer broker outage, or none
 */
record Scale(String name, int events, int keys, int rate, Duration longBrokerOutage) {

	static final Scale SMOKE = new Scale("smoke", 5_000, 200, 200, Duration.ZERO);

	static final Scale FULL = new Scale("full", 50_000, 200, 1_000, Duration.ofMinutes(10));

	static Scale current() {
		return "full".equals(System.getProperty("chaos.scale")) ? FULL : SMOKE;
	}

	boolean full() {
		return this == FULL;
	}

}
