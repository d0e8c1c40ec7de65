package dev.events.sample;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.events.sample.billing.InvoiceIssued;
import dev.events.sample.orders.Order;
import dev.events.sample.orders.OrderPlaced;
import dev.events.sample.orders.OrderStatus;
import dev.events.sample.orders.Orders;
import dev.events.test.EventScenario;
import dev.events.test.PublishedEvent;
import dev.events.test.PublishedEvents;
import dev.events.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's in-memory example, as it compiles and runs: the whole sample on the in-memory
 * transport (its {@code in-memory} profile), with PostgreSQL and no broker.
 */
@SpringBootTest
@ActiveProfiles("in-memory")
class InMemoryOrdersTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.POSTGRESQL.register(registry, "orders_in_memory");
	}

	@Autowired
	Orders orders;

	@Autowired
	PublishedEvents published;

	@Autowired
	EventScenario scenario;

	@Test
	void placingAnOrderPublishesOrderPlaced() {
		Order order = this.orders.place("acme", "c-1", new BigDecimal("42.50"));

		assertThat(this.published).contains(OrderPlaced.class)
			.matching((placed) -> placed.orderId().equals(order.id()))
			.withTenant("acme");
	}

	@Test
	void anOrderPlacedIsInvoicedAndShipped() {
		EventScenario.Stimulus<Order> placing = this.scenario
			.stimulate(() -> this.orders.place("acme", "c-2", new BigDecimal("10.00")));
		Order order = placing.result();

		PublishedEvent<InvoiceIssued> invoice = placing.andWaitForEvent(InvoiceIssued.class,
				(issued) -> issued.orderId().equals(order.id()));
		Order shipped = placing.andWaitForPresent(() -> this.orders.find("acme", order.id())
			.filter((found) -> found.status() == OrderStatus.SHIPPED));

		assertThat(invoice.event().amount()).isEqualByComparingTo("10.00");
		assertThat(invoice.tenantId()).isEqualTo("acme");
		assertThat(shipped.status()).isEqualTo(OrderStatus.SHIPPED);
	}

}
