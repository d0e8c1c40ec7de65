package dev.events.chaos;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verifier's order count must be able to fail: these feed it known deliveries.
 */
class KeyOrderTests {

	@Test
	void eventsInPublishOrderPerKeyHaveNoViolation() {
		KeyOrder order = new KeyOrder();
		order.deliver("a0", new PublishedEvent("a", 0));
		order.deliver("b0", new PublishedEvent("b", 0));
		order.deliver("a1", new PublishedEvent("a", 1));
		order.deliver("b1", new PublishedEvent("b", 1));
		assertThat(order.violations()).isZero();
		assertThat(order.duplicates()).isZero();
		assertThat(order.delivered()).containsExactlyInAnyOrder("a0", "b0", "a1", "b1");
	}

	@Test
	void anEventFirstDeliveredAfterALaterOneOfItsKeyIsAViolation() {
		KeyOrder order = new KeyOrder();
		order.deliver("a1", new PublishedEvent("a", 1));
		order.deliver("a0", new PublishedEvent("a", 0));
		order.deliver("a2", new PublishedEvent("a", 2));
		assertThat(order.violations()).isOne();
	}

	@Test
	void aLaterCopyOfAnEventIsADuplicateNotAViolation() {
		KeyOrder order = new KeyOrder();
		order.deliver("a0", new PublishedEvent("a", 0));
		order.deliver("a1", new PublishedEvent("a", 1));
		order.deliver("a0", new PublishedEvent("a", 0));
		order.deliver("a2", new PublishedEvent("a", 2));
		assertThat(order.violations()).isZero();
		assertThat(order.duplicates()).isOne();
	}

}
