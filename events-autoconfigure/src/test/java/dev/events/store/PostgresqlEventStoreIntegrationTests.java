package dev.events.store;

import org.springframework.boot.builder.SpringApplicationBuilder;

import dev.events.support.Instances;
import dev.events.test.TestDatabase;

/**
 * The event store on PostgreSQL.
 */
class PostgresqlEventStoreIntegrationTests extends EventStoreIntegrationTests {

	@Override
	SpringApplicationBuilder application(String database) {
		return Instances.on(TestDatabase.POSTGRESQL, database);
	}

}
