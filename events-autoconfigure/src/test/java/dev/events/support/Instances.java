package dev.events.support;

import java.util.stream.Stream;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import dev.events.test.EmbeddedServices;
import dev.events.test.TestDatabase;

/**
 * Builds application instances of their own, on the embedded broker (or another one) and a
 * database of the embedded PostgreSQL (or another server), for tests that run several instances side by side, stop
 * them or start them against a broker that is down.
 */
public final class Instances {

	private Instances() {
	}

	/**
	 * An instance on the shared embedded broker.
	 * @param database the PostgreSQL database, created if missing
	 * @param configurations configuration classes beside {@link TestApplication}
	 * @return the builder, to add properties to and run
	 */
	public static SpringApplicationBuilder on(String database, Class<?>... configurations) {
		return on(TestDatabase.POSTGRESQL, database, configurations);
	}

	/**
	 * An instance on the shared embedded broker and a database of the given server.
	 * @param server the database server
	 * @param database the database, created if missing
	 * @param configurations configuration classes beside {@link TestApplication}
	 * @return the builder, to add properties to and run
	 */
	public static SpringApplicationBuilder on(TestDatabase server, String database, Class<?>... configurations) {
		return on(EmbeddedServices.kafkaBootstrapServers(), server, database, configurations);
	}

	/**
	 * An instance on the given broker.
	 * @param bootstrapServers the broker's address
	 * @param database the PostgreSQL database, created if missing
	 * @param configurations configuration classes beside {@link TestApplication}
	 * @return the builder, to add properties to and run
	 */
	public static SpringApplicationBuilder on(String bootstrapServers, String database, Class<?>... configurations) {
		return on(bootstrapServers, TestDatabase.POSTGRESQL, database, configurations);
	}

	/**
	 * An instance on the shared embedded broker and an in-memory H2 database of its own.
	 * @param database the database's name, unique to the instance
	 * @param configurations configuration classes beside {@link TestApplication}
	 * @return the builder, to add properties to and run
	 */
	public static SpringApplicationBuilder onH2(String database, Class<?>... configurations) {
		return application(EmbeddedServices.kafkaBootstrapServers(), configurations)
			.properties("spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1");
	}

	private static SpringApplicationBuilder on(String bootstrapServers, TestDatabase server, String database,
			Class<?>... configurations) {
		return application(bootstrapServers, configurations).properties(server.properties(database));
	}

	private static SpringApplicationBuilder application(String bootstrapServers, Class<?>... configurations) {
		Class<?>[] sources = Stream.concat(Stream.of(TestApplication.class), Stream.of(configurations))
			.toArray(Class<?>[]::new);
		return new SpringApplicationBuilder(sources).web(WebApplicationType.NONE)
			.properties("spring.kafka.bootstrap-servers=" + bootstrapServers);
	}

}
