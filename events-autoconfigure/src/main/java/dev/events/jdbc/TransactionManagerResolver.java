package dev.events.jdbc;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.jta.JtaTransactionManager;
import org.springframework.util.ClassUtils;

/**
 * Picks the transaction manager that handlers' inbox transactions run in: one that manages the
 * events DataSource, so the inbox row commits exactly when the handler's own writes do. A manager
 * of anything else (a {@code KafkaTransactionManager}, the manager of another DataSource) would
 * commit the inbox row on its own before the handler runs, and a handler that then fails would
 * have its effect lost.
 */
public final class TransactionManagerResolver {

	private static final boolean JPA_PRESENT = ClassUtils.isPresent("org.springframework.orm.jpa.JpaTransactionManager",
			TransactionManagerResolver.class.getClassLoader());

	private TransactionManagerResolver() {
	}

	/**
	 * Return the manager to use for the events DataSource.
	 * @param dataSource the events DataSource
	 * @param managers the application's transaction managers by bean name
	 * @param primary the name of the primary one, if any
	 * @param configured the name given in {@code events.jdbc.transaction-manager}, if any
	 * @return the named manager if it manages the DataSource; else the only manager, or the
	 * primary one, of those that manage it; else a {@link JdbcTransactionManager} of its own
	 * when none does
	 * @throws IllegalStateException if the named manager does not exist or does not manage the
	 * DataSource, or several manage it and none is primary
	 */
	public static PlatformTransactionManager resolve(DataSource dataSource,
			Map<String, PlatformTransactionManager> managers, @Nullable String primary, @Nullable String configured) {
		if (configured != null) {
			return configured(dataSource, managers, configured);
		}
		Map<String, PlatformTransactionManager> candidates = new LinkedHashMap<>();
		managers.forEach((name, manager) -> {
			if (manages(manager, dataSource)) {
				candidates.put(name, manager);
			}
		});
		if (candidates.size() == 1) {
			return candidates.values().iterator().next();
		}
		if (primary != null && candidates.containsKey(primary)) {
			return candidates.get(primary);
		}
		if (candidates.size() > 1) {
			throw new IllegalStateException(("%d transaction managers manage the events DataSource (%s) and none is "
					+ "primary: name the one event handlers use with events.jdbc.transaction-manager")
				.formatted(candidates.size(), String.join(", ", candidates.keySet())));
		}
		return new JdbcTransactionManager(dataSource);
	}

	private static PlatformTransactionManager configured(DataSource dataSource,
			Map<String, PlatformTransactionManager> managers, String name) {
		PlatformTransactionManager manager = managers.get(name);
		if (manager == null) {
			throw new IllegalStateException("events.jdbc.transaction-manager names '%s', but there is no such "
				.formatted(name) + "transaction manager; there are: " + String.join(", ", managers.keySet()));
		}
		if (!manages(manager, dataSource)) {
			throw new IllegalStateException(("events.jdbc.transaction-manager names '%s', a %s, which does not manage "
					+ "the events DataSource: name a JdbcTransactionManager, DataSourceTransactionManager or "
					+ "JpaTransactionManager of that DataSource")
				.formatted(name, manager.getClass().getSimpleName()));
		}
		return manager;
	}

	/**
	 * Return whether a transaction manager's transactions include the given DataSource.
	 * @param manager the transaction manager
	 * @param dataSource the DataSource
	 * @return whether it manages the DataSource
	 */
	public static boolean manages(PlatformTransactionManager manager, DataSource dataSource) {
		if (manager instanceof DataSourceTransactionManager jdbc) {
			return sameDataSource(jdbc.getDataSource(), dataSource);
		}
		if (JPA_PRESENT && Jpa.isJpa(manager)) {
			return sameDataSource(Jpa.dataSource(manager), dataSource);
		}
		return manager instanceof JtaTransactionManager;
	}

	private static boolean sameDataSource(@Nullable DataSource managed, DataSource dataSource) {
		return managed != null && unwrap(managed) == unwrap(dataSource);
	}

	private static DataSource unwrap(DataSource dataSource) {
		DataSource current = dataSource;
		while (current instanceof DelegatingDataSource delegating && delegating.getTargetDataSource() != null) {
			current = delegating.getTargetDataSource();
		}
		return current;
	}

	/**
	 * Touches JPA types only when spring-orm is on the classpath.
	 */
	private static final class Jpa {

		static boolean isJpa(PlatformTransactionManager manager) {
			return manager instanceof JpaTransactionManager;
		}

		static @Nullable DataSource dataSource(PlatformTransactionManager manager) {
			return ((JpaTransactionManager) manager).getDataSource();
		}

	}

}
