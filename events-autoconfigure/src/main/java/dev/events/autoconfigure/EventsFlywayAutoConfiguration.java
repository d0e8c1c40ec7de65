package dev.events.autoconfigure;

import org.flywaydb.core.Flyway;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import dev.events.jdbc.EventsDatabase;
import dev.events.jdbc.EventsSchemaMigrator;

/**
 * Auto-configuration of the {@code events} tables, migrated with a Flyway instance of their own
 * after the application's own database initialization, which it leaves untouched. Boot's
 * database initialization ordering runs it ({@link EventsSchemaInitializerDetector}) before the
 * beans that use the tables ({@link EventsSchemaDependentsDetector}).
 */
@AutoConfiguration(after = EventsJdbcAutoConfiguration.class,
		afterName = "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration")
@ConditionalOnClass({ Flyway.class, FlywayMigrationInitializer.class })
@ConditionalOnBean(EventsDatabase.class)
@ConditionalOnBooleanProperty(name = "events.jdbc.initialize-schema", matchIfMissing = true)
@EnableConfigurationProperties(EventsProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class EventsFlywayAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EventsSchemaMigrator eventsSchemaMigrator(EventsDatabase database) {
		return new EventsSchemaMigrator(database.dataSource(), database.dialect());
	}

}
