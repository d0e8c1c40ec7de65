package dev.events.autoconfigure;

import java.util.Set;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.core.Ordered;

import dev.events.jdbc.EventsSchemaMigrator;

/**
 * Tells Boot's database initialization ordering that {@link EventsSchemaMigrator} initializes the
 * database, after the application's own initializers (Flyway, Liquibase, SQL scripts), so that
 * every bean that depends on database initialization finds the events tables.
 */
final class EventsSchemaInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

	/**
	 * Later than every detector Boot ships (Flyway and Liquibase at 1, SQL scripts at
	 * {@code LOWEST_PRECEDENCE - 100}), so that the application's own initialization runs first.
	 */
	private static final int ORDER = Ordered.LOWEST_PRECEDENCE - 50;

	@Override
	protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
		return Set.of(EventsSchemaMigrator.class);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
