package dev.events.test;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

import dev.events.context.EventContext;
import dev.events.context.EventContextHolder;
import dev.events.publish.EventPublisher;
import dev.events.test.billing.InvoiceIssued;
import dev.events.test.billing.OrderPlaced;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link PublishedEvents} holds what each test published and committed, and its assertions say
 * what was published when they fail. The whole application, on the in-memory transport with an
 * H2 database and its outbox.
 */
@SpringBootTest(classes = BillingApplication.class,
		properties = { "events.transport=in-memory", "spring.datasource.url=jdbc:h2:mem:published" })
class PublishedEventsTests {

	@Autowired
	PublishedEvents published;

	@Autowired
	EventPublisher publisher;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void holdsTheEventsPublishedWithTheirEnvelopes() {
		try (EventContextHolder.Scope scope = EventContextHolder
			.open(EventContext.empty().withTenantId("acme").withCorrelationId("checkout-1"))) {
			this.publisher.publish(new OrderPlaced("o-1", "c-1", 0));
		}

		assertThat(this.published).contains(OrderPlaced.class)
			.matching((order) -> order.customerId().equals("c-1"))
			.withKey("o-1")
			.withTenant("acme")
			.withCorrelation("checkout-1")
			.once();
		assertThat(this.published).doesNotContain(InvoiceIssued.class);
		PublishedEvent<OrderPlaced> event = this.published.ofType(OrderPlaced.class).get(0);
		assertThat(event.type()).isEqualTo("dev.events.test.OrderPlaced");
		assertThat(event.topic()).isEqualTo("orders");
	}

	@Test
	void startsEmptyForEachTest() {
		assertThat(this.published).isEmpty();
	}

	@Test
	void capturesNothingWhileStopped() {
		this.published.stop();
		this.publisher.publish(new OrderPlaced("o-unseen", "c-1", 0));
		assertThat(this.published).isEmpty();
		this.published.start();
		this.publisher.publish(new OrderPlaced("o-seen", "c-1", 0));
		assertThat(this.published).contains(OrderPlaced.class).withKey("o-seen").once();
	}

	@Test
	void holdsNothingOfATransactionThatRolledBack() {
		this.transactions.executeWithoutResult((status) -> {
			this.publisher.publish(new OrderPlaced("o-rolled-back", "c-1", 0));
			status.setRollbackOnly();
		});
		assertThat(this.published).isEmpty();
	}

	@Test
	void holdsTheEventsOfATransactionOnceItCommits() {
		this.transactions.executeWithoutResult((status) -> {
			this.publisher.publish(new OrderPlaced("o-committed", "c-2", 0));
			assertThat(this.published).isEmpty();
		});
		assertThat(this.published).contains(OrderPlaced.class).withKey("o-committed");
	}

	@Test
	void aFailedAssertionSaysWhatWasPublishedInstead() {
		this.publisher.publish(new OrderPlaced("o-2", "c-2", 0));

		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.published).contains(InvoiceIssued.class))
			.withMessageContaining("Expected an event of type InvoiceIssued to be published, but published were:")
			.withMessageContaining("OrderPlaced[orderId=o-2, customerId=c-2, cents=0] (key o-2, correlation ");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.published).contains(OrderPlaced.class)
				.matching((order) -> order.customerId().equals("c-9")))
			.withMessageContaining("Expected an event of type OrderPlaced matching the predicate, but the events of "
					+ "that type published were:")
			.withMessageContaining("OrderPlaced[orderId=o-2, customerId=c-2, cents=0]");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.published).isEmpty())
			.withMessageContaining("Expected no events to be published, but published were:")
			.withMessageContaining("o-2");
	}

}
