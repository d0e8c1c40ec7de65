package dev.events.store;

import java.time.Clock;
import java.util.function.Supplier;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

import dev.events.jdbc.EventsDatabase;

/**
 * Makes an {@link AggregateRepository} per aggregate type, on the {@link EventStore} and the
 * snapshots in the events database.
 *
 * <pre class="code">
 * &#64;Bean
 * AggregateRepository&lt;Account&gt; accounts(AggregateRepositories repositories) {
 *     return repositories.of(Account::new, "account-")
 *         .withSnapshots(100, AccountState.class, Account::state, Account::restore);
 * }
 * </pre>
 */
public class AggregateRepositories {

	private final EventStore store;

	private final SnapshotStore snapshots;

	private final JsonMapper jsonMapper;

	/**
	 * Create a factory.
	 * @param store the event store
	 * @param database the events database, which holds the snapshots
	 * @param jsonMapper writes and reads snapshots
	 * @param clock the clock of the snapshots' times
	 * @param tenantRequired whether streams, and so snapshots, are kept per tenant
	 */
	public AggregateRepositories(EventStore store, EventsDatabase database, JsonMapper jsonMapper, Clock clock,
			boolean tenantRequired) {
		this.store = store;
		this.snapshots = new SnapshotStore(database, clock, new TenantScope(tenantRequired));
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Make the repository of an aggregate type, without snapshots.
	 * @param factory makes an empty aggregate
	 * @param streamPrefix what each aggregate's id is prefixed with to name its stream, such as
	 * {@code account-}
	 * @param <A> the aggregate type
	 * @return the repository
	 * @see AggregateRepository#withSnapshots
	 */
	public <A extends EventSourcedAggregate> AggregateRepository<A> of(Supplier<A> factory, String streamPrefix) {
		Assert.hasText(streamPrefix, "Streams of aggregates need a prefix, such as 'account-'");
		return new AggregateRepository<>(this.store, this.snapshots, this.jsonMapper, factory, streamPrefix, null);
	}

}
