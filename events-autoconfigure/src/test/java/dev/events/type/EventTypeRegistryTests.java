package dev.events.type;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EventTypeRegistryTests {

	private final EventTypeRegistry registry = new EventTypeRegistry();

	@Test
	void annotatedClassIsRegisteredOnFirstUse() {
		EventTypeDefinition<OrderPlaced> definition = this.registry.definitionFor(OrderPlaced.class);
		assertThat(definition.type()).isEqualTo("orders.OrderPlaced");
		assertThat(definition.topic()).isEqualTo("orders");
		assertThat(definition.keyOf(new OrderPlaced("o-1", new Customer("c-9")))).isEqualTo("o-1");
		assertThat(this.registry.definitionFor("orders.OrderPlaced")).isSameAs(definition);
	}

	@Test
	void keyExpressionCanNavigateAndCallMethods() {
		assertThat(this.registry.definitionFor(CustomerMoved.class).keyOf(new CustomerMoved(new Customer("c-1"))))
			.isEqualTo("C-1");
	}

	@Test
	void keyPropertyIsReadFromAGetterAndANullKeyIsNoKey() {
		assertThat(this.registry.definitionFor(InvoiceSent.class).keyOf(new InvoiceSent(42))).isEqualTo("42");
		assertThat(this.registry.definitionFor(OrderPlaced.class).keyOf(new OrderPlaced(null, null))).isNull();
	}

	@Test
	void eventWithoutKeyExpressionHasNoKey() {
		assertThat(this.registry.definitionFor(Heartbeat.class).keyOf(new Heartbeat())).isNull();
	}

	@Test
	void classesThatCannotBeAnnotatedAreRegisteredProgrammatically() {
		this.registry.register(Customer.class, "crm.Customer", "customers", Customer::id);
		assertThat(this.registry.definitionFor(Customer.class).keyOf(new Customer("c-2"))).isEqualTo("c-2");
		assertThat(this.registry.definitionFor("crm.Customer").eventClass()).isEqualTo(Customer.class);
	}

	@Test
	void unknownClassFailsWithAClearMessage() {
		assertThatExceptionOfType(UnknownEventTypeException.class)
			.isThrownBy(() -> this.registry.definitionFor(Customer.class))
			.withMessageContaining(Customer.class.getName())
			.withMessageContaining("@DomainEvent")
			.withMessageContaining("EventTypeRegistryCustomizer");
	}

	@Test
	void unknownTypeFailsWithAClearMessage() {
		assertThatExceptionOfType(UnknownEventTypeException.class)
			.isThrownBy(() -> this.registry.definitionFor("java.lang.Runtime"))
			.withMessageContaining("'java.lang.Runtime'");
	}

	@Test
	void aTypeBelongsToOneClassOnly() {
		this.registry.definitionFor(OrderPlaced.class);
		assertThatIllegalStateException()
			.isThrownBy(() -> this.registry.register(Customer.class, "orders.OrderPlaced", "orders", Customer::id))
			.withMessageContaining("'orders.OrderPlaced'")
			.withMessageContaining(OrderPlaced.class.getName());
	}

	@Test
	void aFormerTypeStillNamesTheClassWhichIsListedOnce() {
		EventTypeDefinition<InvoiceSent> definition = this.registry.definitionFor(InvoiceSent.class);
		assertThat(definition.type()).isEqualTo("billing.InvoiceSent");
		assertThat(this.registry.definitionFor("billing.InvoiceMailed")).isSameAs(definition);
		assertThat(this.registry.definitions()).containsExactly(definition);
	}

	@Test
	void aFormerTypeBelongsToOneClassOnly() {
		this.registry.definitionFor(InvoiceSent.class);
		assertThatIllegalStateException()
			.isThrownBy(() -> this.registry.register(Customer.class, "billing.InvoiceMailed", "invoices", Customer::id))
			.withMessageContaining("'billing.InvoiceMailed'")
			.withMessageContaining(InvoiceSent.class.getName());
		assertThatIllegalStateException()
			.isThrownBy(() -> this.registry.register(new EventTypeDefinition<>("crm.Customer", "customers",
					Customer.class, Customer::id, List.of("crm.Customer"))))
			.withMessageContaining("twice");
	}

	@Test
	void typeAndTopicMustNotBeEmpty() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.registry.register(Customer.class, "crm.Customer", " ", Customer::id))
			.withMessageContaining("topic");
	}

	@DomainEvent(type = "orders.OrderPlaced", topic = "orders", key = "orderId")
	record OrderPlaced(String orderId, Customer customer) {
	}

	@DomainEvent(type = "crm.CustomerMoved", topic = "customers", key = "customer.id.toUpperCase()")
	record CustomerMoved(Customer customer) {
	}

	@DomainEvent(type = "ops.Heartbeat", topic = "ops")
	record Heartbeat() {
	}

	record Customer(String id) {
	}

	@DomainEvent(type = "billing.InvoiceSent", topic = "invoices", key = "invoiceNumber",
			aliases = "billing.InvoiceMailed")
	static final class InvoiceSent {

		private final long invoiceNumber;

		InvoiceSent(long invoiceNumber) {
			this.invoiceNumber = invoiceNumber;
		}

		public long getInvoiceNumber() {
			return this.invoiceNumber;
		}

	}

}
