package dev.events.store;

import java.util.ArrayList;
import java.util.List;

/**
 * An aggregate whose state is the fold of its events: loaded by applying its stream's events
 * in order, changed by command methods that {@link #raise(Object) raise} new ones, saved by an
 * {@link AggregateRepository}.
 * <p>
 * Events are applied by one method, {@link #apply(Object)}, rather than by annotated methods
 * found by reflection: nothing is looked up at runtime (AOT and native images need no hints),
 * and the compiler sees every branch; with a sealed event hierarchy and Java 21's pattern
 * matching, a switch over it is checked for exhaustiveness.
 *
 * <pre class="code">
 * class Account extends EventSourcedAggregate {
 *
 *     private long balance;
 *
 *     void debit(long amount) {
 *         if (amount &gt; this.balance) {
 *             throw new IllegalStateException("Insufficient funds");
 *         }
 *         raise(new Debited(amount));
 *     }
 *
 *     &#64;Override
 *     protected void apply(Object event) {
 *         if (event instanceof Credited credited) {
 *             this.balance += credited.amount();
 *         }
 *         else if (event instanceof Debited debited) {
 *             this.balance -= debited.amount();
 *         }
 *     }
 *
 * }
 * </pre>
 */
public abstract class EventSourcedAggregate {

	private long version;

	private final List<Object> changes = new ArrayList<>();

	/**
	 * Change the state by one event, when the event is raised and when it is loaded. It must not
	 * fail and must not depend on anything but the state and the event: a stored event happened.
	 * @param event the event
	 */
	protected abstract void apply(Object event);

	/**
	 * Record a new event: apply it now and append it when the aggregate is saved.
	 * @param event an instance of a registered event class
	 */
	protected final void raise(Object event) {
		apply(event);
		this.changes.add(event);
	}

	/**
	 * Return the version of the stream this aggregate was loaded from or last saved to.
	 * @return the version, 0 for an aggregate never saved
	 */
	public final long version() {
		return this.version;
	}

	/**
	 * Return the events raised since the aggregate was loaded or last saved.
	 * @return the unsaved events, in the order they were raised
	 */
	public final List<Object> changes() {
		return List.copyOf(this.changes);
	}

	/**
	 * Apply a stored event.
	 * @param event the event
	 * @param version its version in the stream
	 */
	final void replay(Object event, long version) {
		apply(event);
		this.version = version;
	}

	/**
	 * Take the version of a snapshot the state was restored from.
	 * @param version the snapshot's version
	 */
	final void restored(long version) {
		this.version = version;
	}

	/**
	 * Mark the changes saved.
	 * @param version the stream's version after the append
	 */
	final void saved(long version) {
		this.changes.clear();
		this.version = version;
	}

}
