package dev.events.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.assertj.core.api.AssertProvider;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.events.publish.EventPublicationListener;
import dev.events.publish.OutboundEvent;

/**
 * The events published in a test, in the order they were published: those of a transaction once
 * it commits, never those of one that rolls back, and those published outside a transaction at
 * once. Inject it into a Spring Boot test with {@code events-test} on the classpath: it captures
 * while each test method runs, from empty ({@link PublishedEventsTestExecutionListener}), and
 * nothing outside test methods, such as in a development run on the test classpath.
 * <p>
 * Assert with AssertJ's {@code assertThat}:
 * <pre class="code">
 * assertThat(published).contains(OrderPlaced.class).matching((placed) -&gt; placed.customerId().equals("c-1"));
 * assertThat(published).isEmpty();
 * </pre>
 */
public class PublishedEvents implements EventPublicationListener, AssertProvider<PublishedEventsAssert> {

	private final List<PublishedEvent<?>> events = new CopyOnWriteArrayList<>();

	private volatile boolean capturing;

	@Override
	public void published(Object event, OutboundEvent outbound) {
		if (!this.capturing) {
			return;
		}
		PublishedEvent<?> published = PublishedEvent.of(event, outbound);
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			this.events.add(published);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				PublishedEvents.this.events.add(published);
			}
		});
	}

	/**
	 * Return every event published, in order.
	 * @return the events with their envelopes
	 */
	public List<PublishedEvent<?>> all() {
		return List.copyOf(this.events);
	}

	/**
	 * Return the events of a type, or of its subtypes, in order.
	 * @param <T> the type
	 * @param type the type
	 * @return the events of that type with their envelopes
	 */
	public <T> List<PublishedEvent<T>> ofType(Class<T> type) {
		return PublishedEvent.ofType(all(), type);
	}

	/**
	 * Return the events published after the first {@code count}.
	 * @param count how many events to skip, as {@link #count()} returned earlier
	 * @return the later events
	 */
	public List<PublishedEvent<?>> since(int count) {
		List<PublishedEvent<?>> all = all();
		return all.subList(Math.min(count, all.size()), all.size());
	}

	/**
	 * Return how many events were published so far.
	 * @return the number of events
	 */
	public int count() {
		return this.events.size();
	}

	/**
	 * Forget every event published so far and capture those published from now on.
	 */
	public void start() {
		this.events.clear();
		this.capturing = true;
	}

	/**
	 * Stop capturing; the events captured so far stay.
	 */
	public void stop() {
		this.capturing = false;
	}

	@Override
	public PublishedEventsAssert assertThat() {
		return new PublishedEventsAssert(this);
	}

	@Override
	public String toString() {
		return this.events.isEmpty() ? "no events" : this.events.toString();
	}

}
