package dev.events.autoconfigure;

import java.util.List;

import javax.sql.DataSource;

import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.events.command.CommandGateway;
import dev.events.command.CommandHandler;
import dev.events.dispatch.MessageValidator;
import dev.events.query.QueryGateway;
import dev.events.query.QueryHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The rules for command and query handlers that the application's startup enforces, and the
 * beans that commands and queries get: one handler per type, one parameter, an answer from each
 * query handler; validation where Jakarta Bean Validation is set up; an observation of each.
 */
class EventsCommandQueryAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EventsCommandQueryAutoConfiguration.class));

	@Test
	void gatewaysSendToTheHandlersOfTheApplicationsBeans() {
		this.runner.withBean(Orders.class).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(MessageValidator.class);
			assertThat(context.getBean(CommandGateway.class).<String>send(new Place("o-1"))).isEqualTo("placed o-1");
			QueryGateway queries = context.getBean(QueryGateway.class);
			assertThat(queries.query(new Status("o-1"), String.class)).isEqualTo("status of o-1");
			assertThat(queries.query(new History("o-1"), new ParameterizedTypeReference<List<String>>() {
			})).containsExactly("o-1 placed", "o-1 shipped");
		});
	}

	@Test
	void eachCommandAndQueryIsObservedWithItsTypeHandlerAndOutcome() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		this.runner.withBean(Orders.class).withBean(ObservationRegistry.class, () -> observations).run((context) -> {
			CommandGateway commands = context.getBean(CommandGateway.class);
			commands.send(new Place("o-3"));
			assertThatIllegalStateException().isThrownBy(() -> commands.send(new Place("refused")));
			context.getBean(QueryGateway.class).query(new Status("o-3"), String.class);

			assertThat(meters.get("events.command").tag("command", Place.class.getName())
				.tag("handler", "EventsCommandQueryAutoConfigurationTests.Orders.place("
						+ "EventsCommandQueryAutoConfigurationTests.Place)")
				.tag("error", "none")
				.timer()
				.count()).isOne();
			assertThat(meters.get("events.command").tag("error", "IllegalStateException").timer().count()).isOne();
			assertThat(meters.get("events.query").tag("query", Status.class.getName()).timer().count()).isOne();
		});
	}

	@Test
	void commandsAndQueriesAreValidatedWhereBeanValidationIsSetUp() {
		this.runner.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
			.withBean(Orders.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(MessageValidator.class);
				assertThatExceptionOfType(ConstraintViolationException.class)
					.isThrownBy(() -> context.getBean(CommandGateway.class).send(new Place(" ")))
					.withMessageEndingWith("is invalid: id: must not be blank");
				assertThatExceptionOfType(ConstraintViolationException.class)
					.isThrownBy(() -> context.getBean(QueryGateway.class).query(new Status(""), String.class))
					.withMessageEndingWith("is invalid: id: must not be blank");
			});
	}

	@Test
	void commandsRunInTheTransactionsOfTheEventsDataSourcesManagerAmongSeveral() {
		this.runner
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					EventsJdbcAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:commands-${random.uuid}")
			.withUserConfiguration(TwoTransactionManagers.class)
			.withBean(TransactionalOrders.class)
			.run((context) -> assertThat(context.getBean(CommandGateway.class).<Object>send(new Place("o-4")))
				.isSameAs(context.getBean(DataSource.class)));
	}

	@Test
	void withoutBeanValidationOnTheClasspathNothingIsValidated() {
		this.runner.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(Validator.class))
			.withBean(Orders.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(MessageValidator.class);
				CommandGateway commands = context.getBean(CommandGateway.class);
				assertThat(commands.<String>send(new Place(" "))).as("a blank id, not checked").isEqualTo("placed  ");
			});
	}

	@Test
	void aSecondHandlerOfACommandTypeFailsTheStartupNamingBoth() {
		this.runner.withBean(Orders.class).withBean(OtherOrders.class).run((context) -> assertThat(context)
			.getFailure()
			.rootCause()
			.hasMessage("@CommandHandler methods EventsCommandQueryAutoConfigurationTests.Orders.place("
					+ "EventsCommandQueryAutoConfigurationTests.Place) and EventsCommandQueryAutoConfigurationTests"
					+ ".OtherOrders.placeToo(EventsCommandQueryAutoConfigurationTests.Place) both handle "
					+ Place.class.getName() + ": a command has exactly one handler"));
	}

	@Test
	void aQueryHandlerThatReturnsNothingFailsTheStartup() {
		this.runner.withBean(SilentQueries.class).run((context) -> assertThat(context).getFailure()
			.rootCause()
			.hasMessageStartingWith(
					"@QueryHandler method EventsCommandQueryAutoConfigurationTests.SilentQueries.status(")
			.hasMessageEndingWith("returns nothing: it returns the answer to its query"));
	}

	@Test
	void aHandlerThatTakesTwoParametersFailsTheStartup() {
		this.runner.withBean(TwoParameterCommands.class).run((context) -> assertThat(context).getFailure()
			.rootCause()
			.hasMessage("@CommandHandler method EventsCommandQueryAutoConfigurationTests.TwoParameterCommands.place "
					+ "takes 2 parameters: it takes one, the command it handles"));
	}

	record Place(@NotBlank String id) {
	}

	record Status(@NotBlank String id) {
	}

	record History(String id) {
	}

	static class Orders {

		@CommandHandler
		String place(Place command) {
			if (command.id().equals("refused")) {
				throw new IllegalStateException("refused");
			}
			return "placed " + command.id();
		}

		@QueryHandler
		String status(Status query) {
			return "status of " + query.id();
		}

		@QueryHandler
		List<String> history(History query) {
			return List.of(query.id() + " placed", query.id() + " shipped");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoTransactionManagers {

		@Bean
		PlatformTransactionManager otherTransactions() {
			return new DataSourceTransactionManager(new SimpleDriverDataSource());
		}

		@Bean
		PlatformTransactionManager eventsTransactions(DataSource dataSource) {
			return new DataSourceTransactionManager(dataSource);
		}

	}

	static class TransactionalOrders {

		@CommandHandler
		Object place(Place command) {
			return TransactionSynchronizationManager.getResourceMap()
				.keySet()
				.stream()
				.filter(DataSource.class::isInstance)
				.findFirst()
				.orElse("no transaction");
		}

	}

	static class OtherOrders {

		@CommandHandler
		void placeToo(Place command) {
		}

	}

	static class SilentQueries {

		@QueryHandler
		void status(Status query) {
		}

	}

	static class TwoParameterCommands {

		@CommandHandler
		void place(Place command, String reason) {
		}

	}

}
