package dev.events.autoconfigure;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.events.jdbc.EventsDataSource;
import dev.events.outbox.OutboxTransactionException;
import dev.events.publish.EventPublisher;
import dev.events.test.EmbeddedServices;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Which DataSource holds the events tables, and which transaction manager handlers use, when
 * the application has several: chosen with {@link EventsDataSource} or a property, never
 * guessed; ambiguity fails at startup saying how to resolve it. Two real PostgreSQL databases.
 */
class EventsDataSourceTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, EventsAutoConfiguration.class,
				EventsJdbcAutoConfiguration.class, EventsOutboxAutoConfiguration.class,
				EventsFlywayAutoConfiguration.class, EventsInboxAutoConfiguration.class,
				EventsHandlerAutoConfiguration.class))
		.withPropertyValues("spring.kafka.bootstrap-servers=localhost:1", "events.outbox.relay.enabled=false");

	@Test
	void twoDataSourcesWithoutAChoiceFailAtStartupSayingHowToChoose() {
		this.runner.withUserConfiguration(TwoDataSources.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("2 DataSource beans")
				.hasStackTraceContaining("@EventsDataSource")
				.hasStackTraceContaining("events.jdbc.data-source"));
	}

	@Test
	void dataSourceMarkedWithTheQualifierHoldsTheEvents() {
		this.runner.withUserConfiguration(QualifiedOrders.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(hasOutbox(context.getBean("ordersDataSource", DataSource.class))).isTrue();
			assertThat(hasOutbox(context.getBean("reportsDataSource", DataSource.class))).isFalse();
		});
	}

	@Test
	void dataSourceNamedByThePropertyHoldsTheEvents() {
		this.runner.withUserConfiguration(TwoDataSources.class)
			.withPropertyValues("events.jdbc.data-source=reportsDataSource")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(hasOutbox(context.getBean("reportsDataSource", DataSource.class))).isTrue();
			});
	}

	@Test
	void publishingInsideThePrimaryTransactionManagerOfAnotherDataSourceFails() {
		this.runner.withUserConfiguration(QualifiedOrders.class, ReportsTransactions.class)
			.run((context) -> {
				TransactionTemplate reports = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
				assertThatExceptionOfType(OutboxTransactionException.class).isThrownBy(() -> reports
					.executeWithoutResult((status) -> context.getBean(EventPublisher.class).publish(new Reported("r"))));
				assertThat(JdbcClient.create(context.getBean("ordersDataSource", DataSource.class))
					.sql("SELECT COUNT(*) FROM events_outbox")
					.query(Long.class)
					.single()).isZero();
			});
	}

	@Test
	void severalTransactionManagersOfTheEventsDataSourceFailAtStartupUnlessOneIsNamed() {
		ApplicationContextRunner twoManagers = this.runner.withUserConfiguration(QualifiedOrders.class,
				TwoOrdersTransactionManagers.class);
		twoManagers.run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.hasStackTraceContaining("ordersTransactionManager")
			.hasStackTraceContaining("auditTransactionManager")
			.hasStackTraceContaining("events.jdbc.transaction-manager"));
		twoManagers.withPropertyValues("events.jdbc.transaction-manager=auditTransactionManager")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void transactionManagerNamedByThePropertyMustManageTheEventsDataSource() {
		this.runner.withUserConfiguration(QualifiedOrders.class, ReportsTransactions.class)
			.withPropertyValues("events.jdbc.transaction-manager=reportsTransactionManager")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("reportsTransactionManager")
				.hasStackTraceContaining("does not manage"));
	}

	private static boolean hasOutbox(DataSource dataSource) {
		return JdbcClient.create(dataSource)
			.sql("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'events_outbox'")
			.query(Long.class)
			.single() > 0;
	}

	private static HikariDataSource dataSource(String database) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(EmbeddedServices.postgresJdbcUrl(database));
		dataSource.setUsername("postgres");
		dataSource.setPassword("postgres");
		return dataSource;
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoDataSources {

		@Bean
		HikariDataSource ordersDataSource() {
			return dataSource("two_sources_orders_" + System.nanoTime());
		}

		@Bean
		HikariDataSource reportsDataSource() {
			return dataSource("two_sources_reports_" + System.nanoTime());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class QualifiedOrders {

		@Bean
		@EventsDataSource
		HikariDataSource ordersDataSource() {
			return dataSource("qualified_orders");
		}

		@Bean
		HikariDataSource reportsDataSource() {
			return dataSource("qualified_reports");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ReportsTransactions {

		@Bean
		@Primary
		JdbcTransactionManager reportsTransactionManager(DataSource reportsDataSource) {
			return new JdbcTransactionManager(reportsDataSource);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoOrdersTransactionManagers {

		@Bean
		JdbcTransactionManager ordersTransactionManager(DataSource ordersDataSource) {
			return new JdbcTransactionManager(ordersDataSource);
		}

		@Bean
		JdbcTransactionManager auditTransactionManager(DataSource ordersDataSource) {
			return new JdbcTransactionManager(ordersDataSource);
		}

	}

	@DomainEvent(type = "dev.events.test.Reported", topic = "reports", key = "id")
	record Reported(String id) {
	}

}
