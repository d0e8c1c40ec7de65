package dev.events.autoconfigure;

import java.util.Arrays;

import javax.sql.DataSource;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.events.jdbc.EventsDataSource;
import dev.events.jdbc.EventsDatabase;

/**
 * Auto-configuration of the database that holds the events tables: the DataSource marked with
 * {@link EventsDataSource}, else the one named by {@code events.jdbc.data-source}, else the only
 * or primary one. Several without a choice fail at startup: guessing would weaken every
 * guarantee without a word.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(JdbcClient.class)
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(EventsProperties.class)
public final class EventsJdbcAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EventsDatabase eventsDatabase(@EventsDataSource ObjectProvider<DataSource> qualified,
			ObjectProvider<DataSource> dataSources, EventsProperties properties, ListableBeanFactory beanFactory) {
		DataSource chosen = qualified.getIfAvailable();
		if (chosen == null && properties.getJdbc().getDataSource() != null) {
			chosen = beanFactory.getBean(properties.getJdbc().getDataSource(), DataSource.class);
		}
		if (chosen == null) {
			chosen = dataSources.getIfUnique();
		}
		if (chosen == null) {
			String[] names = beanFactory.getBeanNamesForType(DataSource.class);
			throw new IllegalStateException(("events needs one DataSource for its outbox and inbox tables and found %d "
					+ "DataSource beans, none of them primary: %s. Mark the one that holds the events tables with "
					+ "@EventsDataSource, name it with events.jdbc.data-source, or make it @Primary")
				.formatted(names.length, String.join(", ", Arrays.asList(names))));
		}
		return EventsDatabase.of(chosen);
	}

}
