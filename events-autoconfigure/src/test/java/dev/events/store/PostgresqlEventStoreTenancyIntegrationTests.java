package dev.events.store;

import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.context.ConfigurableApplicationContext;

import dev.events.context.EventContext;
import dev.events.context.EventContextHolder;
import dev.events.publish.MissingTenantException;
import dev.events.store.EventStoreIntegrationTests.Opened;
import dev.events.support.Instances;
import dev.events.test.TestDatabase;

import static dev.events.store.EventStoreIntegrationTests.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * With tenancy required, streams are kept per tenant on PostgreSQL: two tenants each have their
 * own stream of one name, and neither reads, nor learns the version of, the other's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresqlEventStoreTenancyIntegrationTests {

	private ConfigurableApplicationContext context;

	private EventStore store;

	@BeforeAll
	void start() {
		this.context = Instances.on(TestDatabase.POSTGRESQL, "event_store_tenancy")
			.properties("events.tenancy.required=true", "events.topics.store-accounts.partitions=1")
			.run();
		this.store = this.context.getBean(EventStore.class);
	}

	@AfterAll
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void eachTenantHasItsOwnStreamOfOneNameAndSeesNoneOfTheOthers() {
		String stream = "account-" + UUID.randomUUID();
		assertThat(as("acme", () -> this.store.append(stream, ExpectedVersion.noStream(), new Opened("acme"),
				new Opened("acme again"))))
			.isEqualTo(2);
		assertThat(as("globex", () -> read(this.store.read(stream)))).isEmpty();
		assertThat(as("globex", () -> this.store.version(stream))).isZero();
		assertThat(as("globex", () -> this.store.append(stream, ExpectedVersion.noStream(), new Opened("globex"))))
			.as("no conflict with the other tenant's stream")
			.isEqualTo(1);
		assertThat(as("acme", () -> read(this.store.read(stream)))).extracting(StoredEvent::event)
			.containsExactly(new Opened("acme"), new Opened("acme again"));
		assertThat(as("globex", () -> read(this.store.readAll(1)))).extracting(StoredEvent::event)
			.containsExactly(new Opened("globex"));
		assertThat(as("acme", () -> read(this.store.readAll(1)))).extracting(StoredEvent::tenantId)
			.containsOnly("acme");
	}

	@Test
	void withoutATenantNothingIsAppendedNorRead() {
		assertThatExceptionOfType(MissingTenantException.class)
			.isThrownBy(() -> this.store.append("account-none", ExpectedVersion.any(), new Opened("nobody")));
		assertThatIllegalStateException().isThrownBy(() -> this.store.read("account-none"))
			.withMessageContaining("no tenant is in the event context");
		assertThat(as("acme", () -> this.store.version("account-none"))).isZero();
	}

	private static <T> T as(String tenant, Supplier<T> action) {
		try (EventContextHolder.Scope scope = EventContextHolder.open(new EventContext(tenant, null, null, null))) {
			return action.get();
		}
	}

}
