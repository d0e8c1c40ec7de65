package dev.events.autoconfigure;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.events.inbox.InboxCleaner;
import dev.events.inbox.InboxStore;
import dev.events.inbox.JdbcInboxStore;
import dev.events.jdbc.EventsDatabase;

/**
 * Auto-configuration of the inbox that makes handlers' database effects happen once per event:
 * applies when there is an {@link EventsDatabase}.
 */
@AutoConfiguration(after = { EventsJdbcAutoConfiguration.class, EventsFlywayAutoConfiguration.class })
@ConditionalOnClass(JdbcClient.class)
@ConditionalOnBean(EventsDatabase.class)
@EnableConfigurationProperties(EventsProperties.class)
public final class EventsInboxAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	InboxStore inboxStore(EventsDatabase database) {
		return new JdbcInboxStore(database.dataSource(), database.dialect(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	InboxCleaner inboxCleaner(InboxStore inbox, EventsProperties properties) {
		EventsProperties.Inbox settings = properties.getHandlers().getInbox();
		return new InboxCleaner(inbox, settings.getRetention(), settings.getCleanupInterval(),
				settings.getCleanupBatchSize(), Clock.systemUTC());
	}

}
