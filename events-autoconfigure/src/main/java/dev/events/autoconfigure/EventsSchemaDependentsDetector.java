package dev.events.autoconfigure;

import java.util.Set;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

import dev.events.inbox.InboxStore;
import dev.events.outbox.OutboxStore;
import dev.events.outbox.ShardLeases;

/**
 * Tells Boot's database initialization ordering that the stores of the events tables depend on
 * database initialization, so that they, and every bean that uses them, come after the
 * migrations.
 */
final class EventsSchemaDependentsDetector extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

	@Override
	protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
		return Set.of(OutboxStore.class, ShardLeases.class, InboxStore.class);
	}

}
