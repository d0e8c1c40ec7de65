package dev.events.test;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL and a real Kafka broker (KRaft), started in-process once per JVM and shared
 * by every test and dev run in it; no Docker needed. The broker never creates topics on demand:
 * applications declare theirs, as they must in production. It supports Kafka transactions.
 * <pre class="code">
 * &#64;DynamicPropertySource
 * static void services(DynamicPropertyRegistry registry) {
 *     EmbeddedServices.register(registry, "orders");
 * }
 * </pre>
 */
public final class EmbeddedServices {

	/**
	 * The system property a started broker writes its address to; the test kit's default,
	 * {@code spring.kafka.bootstrap-servers}, would silently win over every application's own
	 * configuration in the same JVM.
	 */
	public static final String BROKERS_PROPERTY = "events.test.kafka.brokers";

	private static @Nullable EmbeddedPostgres postgres;

	private static @Nullable EmbeddedKafkaKraftBroker kafka;

	private static int fixedKafkaPort;

	private EmbeddedServices() {
	}

	/**
	 * Start both services if needed and point Spring's Kafka and DataSource properties at them.
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 * @param database the database to use, created if missing, so that test classes do not see
	 * each other's tables
	 */
	public static void register(DynamicPropertyRegistry registry, String database) {
		register(registry, TestDatabase.POSTGRESQL, database);
	}

	/**
	 * Start the broker and a database server if needed and point Spring's Kafka and DataSource
	 * properties at them.
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 * @param server the database server
	 * @param database the database to use, created if missing
	 */
	public static void register(DynamicPropertyRegistry registry, TestDatabase server, String database) {
		registry.add("spring.kafka.bootstrap-servers", EmbeddedServices::kafkaBootstrapServers);
		server.register(registry, database);
	}

	/**
	 * Start the broker on a free port if it is not running, and return its address.
	 * @return the bootstrap servers
	 */
	public static synchronized String kafkaBootstrapServers() {
		return startKafka(0);
	}

	/**
	 * Start the shared broker on the given port if it is not running, and return its address.
	 * @param port the port, or 0 for a free one
	 * @return the bootstrap servers
	 */
	public static synchronized String startKafka(int port) {
		if (kafka == null) {
			EmbeddedKafkaKraftBroker broker = newKafka(port);
			broker.afterPropertiesSet();
			Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
			kafka = broker;
			fixedKafkaPort = port;
		}
		return (fixedKafkaPort != 0) ? "localhost:" + fixedKafkaPort : kafka.getBrokersAsString();
	}

	/**
	 * Return a new, unstarted broker like the shared one, for tests that start and stop a broker
	 * of their own. A fixed port gets a listener of its own, advertised to clients, since the
	 * KRaft test kit binds its own listeners to free ports.
	 * @param port the port, or 0 for a free one
	 * @return the broker; start it with {@code afterPropertiesSet()}, stop it with {@code destroy()}
	 */
	public static EmbeddedKafkaKraftBroker newKafka(int port) {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 2);
		broker.brokerListProperty(BROKERS_PROPERTY);
		if (port != 0) {
			broker.brokerProperty("listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0,FIXED://localhost:" + port);
			broker.brokerProperty("listener.security.protocol.map",
					"EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,FIXED:PLAINTEXT");
			broker.brokerProperty("advertised.listeners", "FIXED://localhost:" + port);
			broker.brokerProperty("inter.broker.listener.name", "FIXED");
		}
		broker.brokerProperty("auto.create.topics.enable", "false");
		broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
		broker.brokerProperty("transaction.state.log.replication.factor", "1");
		broker.brokerProperty("transaction.state.log.min.isr", "1");
		return broker;
	}

	/**
	 * Return the JDBC URL of a database of the embedded PostgreSQL, starting it and creating
	 * the database if needed. User and password are both {@code postgres}.
	 * @param database the database name
	 * @return its JDBC URL
	 */
	public static synchronized String postgresJdbcUrl(String database) {
		EmbeddedPostgres server = postgres();
		JdbcClient admin = JdbcClient.create(server.getPostgresDatabase());
		boolean exists = admin.sql("SELECT COUNT(*) FROM pg_database WHERE datname = ?")
			.param(database)
			.query(Long.class)
			.single() > 0;
		if (!exists) {
			admin.sql("CREATE DATABASE \"" + database.replace("\"", "") + "\"").update();
		}
		return server.getJdbcUrl("postgres", database);
	}

	private static EmbeddedPostgres postgres() {
		if (postgres == null) {
			try {
				EmbeddedPostgres server = EmbeddedPostgres.builder().start();
				Runtime.getRuntime().addShutdownHook(new Thread(() -> close(server)));
				postgres = server;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return postgres;
	}

	private static void close(EmbeddedPostgres server) {
		try {
			server.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
