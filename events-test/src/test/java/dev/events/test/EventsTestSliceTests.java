package dev.events.test;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import dev.events.memory.InMemoryTransport;
import dev.events.test.billing.Invoicing;
import dev.events.test.billing.OrderPlaced;
import dev.events.test.billing.Reports;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@link EventsTest} brings up the handlers on the in-memory transport and nothing else of
 * the application.
 */
@EventsTest
class EventsTestSliceTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	EventScenario scenario;

	@Autowired
	Invoicing invoicing;

	@Test
	void bringsUpTheHandlersOnTheInMemoryTransportAndNoOtherBeans() {
		assertThat(this.context.getBeanNamesForType(InMemoryTransport.class)).hasSize(1);
		assertThat(this.context.getBeanNamesForType(Reports.class)).isEmpty();
		assertThat(this.context.getEnvironment().getProperty("events.transport")).isEqualTo("in-memory");
	}

	@Test
	void handlersReceiveWhatTheTestPublishes() {
		long invoiced = this.scenario.publish(new OrderPlaced("o-slice", "c-1", 1200))
			.andWaitForPresent(() -> this.invoicing.invoicedFor("o-slice"));
		assertThat(invoiced).isEqualTo(1200);
	}

}
