package dev.events.dispatch;

import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.support.TransactionTemplate;

import dev.events.command.CommandGateway;
import dev.events.command.CommandHandler;
import dev.events.consume.EventHandler;
import dev.events.publish.EventPublisher;
import dev.events.query.QueryGateway;
import dev.events.query.QueryHandler;
import dev.events.support.TestApplication;
import dev.events.test.TestDatabase;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Commands and queries sent to their handlers in this application, on PostgreSQL with the
 * in-memory transport: a command's writes and the events it publishes commit with the sender's
 * transaction or its own, or not at all; an invalid command never reaches its handler; a query
 * answers in the asker's transaction, with the type asked for.
 */
@SpringBootTest(classes = { TestApplication.class, CommandAndQueryIntegrationTests.Handlers.class },
		properties = { "events.transport=in-memory", "spring.kafka.bootstrap-servers=127.0.0.1:1" })
class CommandAndQueryIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Autowired
	CommandGateway commands;

	@Autowired
	QueryGateway queries;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Handlers handlers;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		TestDatabase.POSTGRESQL.register(registry, "commands");
	}

	@BeforeEach
	void createOrders() {
		this.jdbc.sql("CREATE TABLE IF NOT EXISTS placed_orders (id VARCHAR(64) PRIMARY KEY, quantity INT NOT NULL)")
			.update();
	}

	@Test
	void aCommandReturnsItsHandlersResultAndTheEventItPublishedIsHandled() {
		String confirmation = this.commands.send(new PlaceOrder("o-placed", 3));

		assertThat(confirmation).isEqualTo("placed o-placed x3");
		assertThat(quantityOf("o-placed")).containsExactly(3);
		await().atMost(TIMEOUT).until(() -> this.handlers.placed.contains("o-placed x3"));
	}

	@Test
	void aCommandInATransactionThatRollsBackLeavesNoRowAndNoEvent() {
		this.transactions.executeWithoutResult((status) -> {
			this.commands.send(new PlaceOrder("o-rolled-back", 1));
			assertThat(quantityOf("o-rolled-back")).as("written in the sender's transaction").containsExactly(1);
			status.setRollbackOnly();
		});
		assertThat(quantityOf("o-rolled-back")).isEmpty();

		assertPlacedOnceWhenSentAgain("o-rolled-back");
	}

	@Test
	void aFailingCommandWithoutATransactionRollsBackTheOneItRanIn() {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.commands.send(new PlaceOrder("o-failing", 99)))
			.withMessage("no stock for 99");
		assertThat(quantityOf("o-failing")).isEmpty();

		assertPlacedOnceWhenSentAgain("o-failing");
	}

	@Test
	void aFailingCommandInTheSendersTransactionRollsItBackEvenWhenTheSenderCatchesTheFailure() {
		assertThatExceptionOfType(UnexpectedRollbackException.class)
			.isThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
				this.jdbc.sql("INSERT INTO placed_orders (id, quantity) VALUES ('o-sender-row', 1)").update();
				assertThatExceptionOfType(IllegalStateException.class)
					.isThrownBy(() -> this.commands.send(new PlaceOrder("o-failing-in-sender", 99)));
			}));
		assertThat(quantityOf("o-sender-row")).isEmpty();
		assertThat(quantityOf("o-failing-in-sender")).isEmpty();

		assertPlacedOnceWhenSentAgain("o-failing-in-sender");
	}

	@Test
	void anInvalidCommandFailsWithEveryViolationAndNeverReachesItsHandler() {
		assertThatExceptionOfType(ConstraintViolationException.class)
			.isThrownBy(() -> this.commands.send(new PlaceOrder(" ", 0)))
			.withMessage(PlaceOrder.class.getName()
					+ " is invalid: id: must not be blank, quantity: must be greater than 0")
			.satisfies((ex) -> assertThat(ex.getConstraintViolations()).hasSize(2));
		assertThat(this.handlers.commandsHandled).doesNotContain(" ");
	}

	@Test
	void sendAsyncCompletesWithTheResultOrTheFailure() {
		CompletableFuture<String> placed = this.commands.sendAsync(new PlaceOrder("o-async", 2));
		CompletableFuture<String> failed = this.commands.sendAsync(new PlaceOrder("o-async-failing", 99));

		assertThat(placed).isCompletedWithValue("placed o-async x2");
		assertThat(failed).isCompletedExceptionally()
			.failsWithin(Duration.ZERO)
			.withThrowableOfType(ExecutionException.class)
			.havingCause()
			.isInstanceOf(IllegalStateException.class)
			.withMessage("no stock for 99");
	}

	@Test
	void aCommandWithoutAHandlerFailsNamingItsTypeAndTheHandledOnes() {
		assertThatExceptionOfType(NoHandlerException.class).isThrownBy(() -> this.commands.send(new CancelOrder("o")))
			.withMessageContaining("No @CommandHandler method handles the command " + CancelOrder.class.getName())
			.withMessageContaining(PlaceOrder.class.getName())
			.satisfies((ex) -> assertThat(ex.getMessageType()).isEqualTo(CancelOrder.class));
	}

	@Test
	void aCommandIsHandledByTheHandlerOfItsSupertypeWhenItHasNoneOfItsOwn() {
		assertThat(this.commands.<String>send(new ArchiveOrder("o-archived"))).isEqualTo("archived o-archived");
	}

	@Test
	void aCheckedExceptionOfAHandlerReachesTheSenderWrappedAndRollsBackWhatTheHandlerDid() {
		assertThatExceptionOfType(UndeclaredThrowableException.class)
			.isThrownBy(() -> this.commands.send(new AuditOrder("o-audited")))
			.havingCause()
			.isInstanceOf(Exception.class)
			.withMessage("audit log unavailable");
		assertThat(quantityOf("o-audited")).isEmpty();

		assertPlacedOnceWhenSentAgain("o-audited");
	}

	@Test
	void aQueryAnswersWithTheTypeAskedForInTheAskersTransaction() {
		this.commands.send(new PlaceOrder("o-queried", 5));
		assertThat(this.queries.query(new QuantityOf("o-queried"), Integer.class)).isEqualTo(5);

		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("UPDATE placed_orders SET quantity = 6 WHERE id = 'o-queried'").update();
			assertThat(this.queries.query(new QuantityOf("o-queried"), Integer.class)).isEqualTo(6);
			status.setRollbackOnly();
		});
		assertThat(this.queries.query(new QuantityOf("o-queried"), Integer.class)).isEqualTo(5);
	}

	@Test
	void aQueryAskedForAnotherTypeThanItsHandlerAnswersFailsNamingBoth() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.queries.query(new QuantityOf("o"), String.class))
			.withMessage("CommandAndQueryIntegrationTests.Handlers.quantityOf("
					+ "CommandAndQueryIntegrationTests.QuantityOf) answers java.lang.Integer, not java.lang.String");
	}

	/**
	 * Place an order again, with the id of one that was rolled back, and check that its event is
	 * the only one of the id handled: an event of the rolled-back attempt would have come first,
	 * as events of one key are handled in order.
	 */
	private void assertPlacedOnceWhenSentAgain(String id) {
		this.commands.send(new PlaceOrder(id, 2));
		await().atMost(TIMEOUT).until(() -> this.handlers.placed.contains(id + " x2"));
		assertThat(this.handlers.placed).filteredOn((placed) -> placed.startsWith(id + " "))
			.containsExactly(id + " x2");
		assertThat(quantityOf(id)).containsExactly(2);
	}

	private List<Integer> quantityOf(String id) {
		return this.jdbc.sql("SELECT quantity FROM placed_orders WHERE id = ?").param(id).query(Integer.class).list();
	}

	record PlaceOrder(@NotBlank String id, @Positive int quantity) {
	}

	record CancelOrder(String id) {
	}

	record AuditOrder(String id) {
	}

	interface OrderMaintenance {

		String id();

	}

	record ArchiveOrder(String id) implements OrderMaintenance {
	}

	record QuantityOf(String id) {
	}

	@DomainEvent(type = "dev.events.test.OrderPlacedByCommand", topic = "commanded-orders", key = "id")
	record OrderPlaced(String id, int quantity) {
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Handlers {

		final List<String> placed = new CopyOnWriteArrayList<>();

		final List<String> commandsHandled = new CopyOnWriteArrayList<>();

		private final JdbcClient jdbc;

		private final EventPublisher publisher;

		Handlers(JdbcClient jdbc, EventPublisher publisher) {
			this.jdbc = jdbc;
			this.publisher = publisher;
		}

		@CommandHandler
		String place(PlaceOrder command) {
			this.commandsHandled.add(command.id());
			this.jdbc.sql("INSERT INTO placed_orders (id, quantity) VALUES (?, ?)")
				.params(command.id(), command.quantity())
				.update();
			this.publisher.publish(new OrderPlaced(command.id(), command.quantity()));
			if (command.quantity() > 10) {
				throw new IllegalStateException("no stock for " + command.quantity());
			}
			return "placed " + command.id() + " x" + command.quantity();
		}

		@CommandHandler
		String maintain(OrderMaintenance command) {
			return "archived " + command.id();
		}

		@CommandHandler
		void audit(AuditOrder command) throws Exception {
			place(new PlaceOrder(command.id(), 1));
			throw new Exception("audit log unavailable");
		}

		@QueryHandler
		Integer quantityOf(QuantityOf query) {
			return this.jdbc.sql("SELECT quantity FROM placed_orders WHERE id = ?")
				.param(query.id())
				.query(Integer.class)
				.single();
		}

		@EventHandler(id = "placed-orders")
		void on(OrderPlaced event) {
			this.placed.add(event.id() + " x" + event.quantity());
		}

	}

}
