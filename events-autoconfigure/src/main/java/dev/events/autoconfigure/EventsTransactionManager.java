package dev.events.autoconfigure;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.PlatformTransactionManager;

import dev.events.jdbc.EventsDatabase;
import dev.events.jdbc.TransactionManagerResolver;

/**
 * Chooses, among the application's transaction managers, the one whose transactions the inbox
 * and the event store write in: see {@link TransactionManagerResolver}.
 */
final class EventsTransactionManager {

	private EventsTransactionManager() {
	}

	/**
	 * Choose the manager of the events DataSource.
	 * @param database the events database
	 * @param transactionManagers the application's managers, for the primary one
	 * @param managers the application's managers by bean name
	 * @param configured the name in {@code events.jdbc.transaction-manager}, if any
	 * @return the manager; one of its own when none of the application's manages the DataSource
	 */
	static PlatformTransactionManager choose(EventsDatabase database,
			ObjectProvider<PlatformTransactionManager> transactionManagers,
			Map<String, PlatformTransactionManager> managers, @Nullable String configured) {
		PlatformTransactionManager primary = transactionManagers.getIfUnique();
		String primaryName = managers.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() == primary)
			.map(Map.Entry::getKey)
			.findFirst()
			.orElse(null);
		return TransactionManagerResolver.resolve(database.dataSource(), managers, primaryName, configured);
	}

}
