package dev.events.chaos.app;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What an instance publishes, and where it crashes itself.
 *
 * @param instance the name of this instance; its keys and plan are its own
 * @param events the number of events in the plan, rolled-back ones included; 0 publishes nothing
 * @param keys the number of keys the plan spreads its events over
 * @param rate events per second, or 0 for as fast as possible
 * @param killAfterHandled kill this process with {@code SIGKILL} right after the transaction
 * that applies its this-many-th event commits, before the offsets are: 0 never does
 * @param handleTime how long the handler takes per event, inside its transaction, so that a
 * consumer can be made slower than its publisher: zero takes no extra time
 * @param slowBefore the plan position before which events take the handle time, later ones taking
 * none, so that a consumer slowed for a fault catches up once past it; 0 slows every event
 */
@ConfigurationProperties("chaos")
public record ChaosProperties(String instance, int events, int keys, int rate, long killAfterHandled,
		Duration handleTime, long slowBefore) {

	/**
	 * Return whether the {@code n}th event of a plan is published in a transaction that then
	 * rolls back: every key's events at positions 3, 13, 23 and so on, so that every key mixes
	 * committed and rolled-back events, one in ten.
	 * @param n the position in the plan
	 * @param keys the keys the plan spreads over
	 * @return whether it is rolled back
	 */
	public static boolean rolledBack(long n, int keys) {
		return (n / keys) % 10 == 3;
	}

	/**
	 * Return whether the {@code n}th event of this plan is rolled back.
	 * @param n the position in the plan
	 * @return whether it is rolled back
	 * @see #rolledBack(long, int)
	 */
	boolean rolledBack(long n) {
		return rolledBack(n, this.keys);
	}

	/**
	 * Return whether the handler takes the handle time for an event.
	 * @param event the event
	 * @return whether it comes before {@link #slowBefore()}, or no bound is set
	 */
	boolean slow(ChaosEvent event) {
		return this.slowBefore == 0 || event.n() < this.slowBefore;
	}

	/**
	 * Return the {@code n}th event of this instance's plan.
	 * @param n the position in the plan
	 * @return the event
	 */
	ChaosEvent event(long n) {
		return new ChaosEvent(this.instance + "-" + (n % this.keys), n / this.keys, this.instance, n);
	}

}
