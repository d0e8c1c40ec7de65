package dev.events.store;

import java.util.UUID;

import org.springframework.boot.builder.SpringApplicationBuilder;

import dev.events.support.Instances;

/**
 * The event store on H2.
 */
class H2EventStoreIntegrationTests extends EventStoreIntegrationTests {

	@Override
	SpringApplicationBuilder application(String database) {
		return Instances.onH2(database + "-" + UUID.randomUUID());
	}

}
