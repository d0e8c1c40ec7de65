package dev.events.test;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order check must be able to fail: these feed it known deliveries.
 */
class KeyOrderTests {

	@Test
	void eventsInPublishOrderPerKeyHaveNoViolation() {
		KeyOrder order = new KeyOrder();
		order.deliver("a0", "a", 0);
		order.deliver("b0", "b", 0);
		order.deliver("a1", "a", 1);
		order.deliver("b1", "b", 1);
		assertThat(order.violations()).isEmpty();
		assertThat(order.duplicates()).isZero();
		assertThat(order.events()).containsExactlyInAnyOrder("a0", "b0", "a1", "b1");
	}

	@Test
	void anEventFirstDeliveredAfterALaterOneOfItsKeyIsAViolation() {
		KeyOrder order = new KeyOrder();
		order.deliver("a1", "a", 1);
		order.deliver("a0", "a", 0);
		order.deliver("a2", "a", 2);
		assertThat(order.violations()).containsExactly("key a: 0 after 1");
	}

	@Test
	void aLaterCopyOfAnEventIsADuplicateNotAViolation() {
		KeyOrder order = new KeyOrder();
		order.deliver("a0", "a", 0);
		order.deliver("a1", "a", 1);
		order.deliver("a0", "a", 0);
		order.deliver("a2", "a", 2);
		assertThat(order.violations()).isEmpty();
		assertThat(order.duplicates()).isOne();
		assertThat(order.distinctEvents()).isEqualTo(3);
	}

}
