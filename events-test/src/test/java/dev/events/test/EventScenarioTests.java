package dev.events.test;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.events.test.billing.InvoiceIssued;
import dev.events.test.billing.Invoicing;
import dev.events.test.billing.OrderPlaced;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An {@link EventScenario} waits for what handlers make of an event, and says what it saw when it
 * times out.
 */
@EventsTest
class EventScenarioTests {

	@Autowired
	EventScenario scenario;

	@Autowired
	Invoicing invoicing;

	@Test
	void waitsForAValueAHandlerWrites() {
		long invoiced = this.scenario.publish(new OrderPlaced("o-value", "c-1", 990))
			.andWaitForPresent(() -> this.invoicing.invoicedFor("o-value"));
		assertThat(invoiced).isEqualTo(990);
	}

	@Test
	void waitsForAnEventAHandlerPublishes() {
		PublishedEvent<InvoiceIssued> invoice = this.scenario.publish(new OrderPlaced("o-event", "c-1", 450))
			.andWaitForEvent(InvoiceIssued.class, (issued) -> issued.orderId().equals("o-event"));
		assertThat(invoice.event().cents()).isEqualTo(450);
		assertThat(invoice.key()).isEqualTo("o-event");
	}

	@Test
	void aTimeoutSaysWhatWasPublishedSinceTheScenarioBegan() {
		EventScenario impatient = this.scenario.withTimeout(Duration.ofMillis(300));
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> impatient.publish(new OrderPlaced("o-free", "c-1", 0))
				.andWaitForEvent(InvoiceIssued.class, (issued) -> issued.orderId().equals("o-free")))
			.withMessageContaining("Waited PT0.3S for an event of type InvoiceIssued matching the predicate")
			.withMessageContaining("OrderPlaced[orderId=o-free, customerId=c-1, cents=0] (key o-free, correlation ");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> impatient.publish(new OrderPlaced("o-free-2", "c-1", 0))
				.andWaitForPresent(() -> this.invoicing.invoicedFor("o-free-2")))
			.withMessageContaining("Waited PT0.3S for the value, which was last Optional.empty")
			.withMessageContaining("o-free-2");
	}

}
