package dev.events.autoconfigure;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;

import dev.events.jdbc.EventsSchemaMigrator;
import dev.events.jdbc.JdbcDialect;

/**
 * Auto-configuration of the {@code events} tables, migrated with a Flyway instance of their own
 * after the application's own Flyway migrations, which it leaves untouched.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration" })
@ConditionalOnClass({ Flyway.class, FlywayMigrationInitializer.class })
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnBooleanProperty(name = "events.jdbc.initialize-schema", matchIfMissing = true)
@EnableConfigurationProperties(EventsProperties.class)
public final class EventsFlywayAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EventsSchemaMigrator eventsSchemaMigrator(DataSource dataSource,
			ObjectProvider<FlywayMigrationInitializer> applicationMigrations) {
		applicationMigrations.orderedStream().forEach((migrations) -> {
		});
		return new EventsSchemaMigrator(dataSource, JdbcDialect.of(dataSource));
	}

}
