package dev.events.support;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL and a real Kafka broker (KRaft), started in-process once per test JVM and
 * shared by every integration test. Topics are never created automatically: each test
 * declares its own, as applications do.
 */
public final class EmbeddedServices {

	private static EmbeddedPostgres postgres;

	private static EmbeddedKafkaKraftBroker kafka;

	private EmbeddedServices() {
	}

	/**
	 * Start both services if needed and point Spring's Kafka and DataSource properties at them.
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 * @param database the database to use, created if missing, so that test classes do not
	 * see each other's outbox
	 */
	public static void register(DynamicPropertyRegistry registry, String database) {
		registry.add("spring.kafka.bootstrap-servers", EmbeddedServices::kafkaBootstrapServers);
		registry.add("spring.datasource.url", () -> postgresJdbcUrl(database));
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "postgres");
	}

	/**
	 * Return the JDBC URL of a database of the embedded PostgreSQL, creating it if needed.
	 * @param database the database name
	 * @return its JDBC URL
	 */
	public static synchronized String postgresJdbcUrl(String database) {
		String url = postgresJdbcUrl();
		JdbcClient admin = JdbcClient.create(postgres.getPostgresDatabase());
		boolean exists = admin.sql("SELECT COUNT(*) FROM pg_database WHERE datname = ?")
			.param(database)
			.query(Long.class)
			.single() > 0;
		if (!exists) {
			admin.sql("CREATE DATABASE " + database).update();
		}
		return postgres.getJdbcUrl("postgres", database);
	}

	public static synchronized String kafkaBootstrapServers() {
		if (kafka == null) {
			kafka = new EmbeddedKafkaKraftBroker(1, 2);
			kafka.brokerProperty("auto.create.topics.enable", "false");
			kafka.brokerProperty("group.initial.rebalance.delay.ms", "0");
			kafka.afterPropertiesSet();
			Runtime.getRuntime().addShutdownHook(new Thread(kafka::destroy));
		}
		return kafka.getBrokersAsString();
	}

	public static synchronized String postgresJdbcUrl() {
		if (postgres == null) {
			try {
				postgres = EmbeddedPostgres.builder().start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					postgres.close();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}));
		}
		return postgres.getJdbcUrl("postgres", "postgres");
	}

}
