package dev.events.test;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.events.publish.EventPublisher;

/**
 * Publishes an event, or runs an action, and waits for what handlers make of it, across the
 * transport in use (Kafka or in-memory): a value they write, or an event they publish. When the
 * wait times out, the failure says what was last seen and which events were published since the
 * scenario began. Inject it into a Spring Boot test with {@code events-test} on the classpath.
 * <pre class="code">
 * Shipment shipment = scenario.publish(new OrderPlaced("o-1", "c-1"))
 *     .andWaitForPresent(() -&gt; shipments.findByOrderId("o-1"));
 * </pre>
 */
public class EventScenario {

	private static final Duration POLL_INTERVAL = Duration.ofMillis(10);

	private final EventPublisher publisher;

	private final PublishedEvents published;

	private final Duration timeout;

	/**
	 * Create a scenario.
	 * @param publisher publishes the events of the scenario
	 * @param published the events published since
	 * @param timeout how long a wait lasts at most
	 */
	public EventScenario(EventPublisher publisher, PublishedEvents published, Duration timeout) {
		this.publisher = publisher;
		this.published = published;
		this.timeout = timeout;
	}

	/**
	 * Return a scenario that waits at most this long.
	 * @param timeout how long a wait lasts at most
	 * @return the scenario
	 */
	public EventScenario withTimeout(Duration timeout) {
		return new EventScenario(this.publisher, this.published, timeout);
	}

	/**
	 * Publish an event, as the code under test would: inside a transaction of the test's (a
	 * {@code @Transactional} test), it goes only once that commits, and a test that rolls back
	 * waits in vain.
	 * @param event the event
	 * @return what to wait for, with the event's id as its result
	 */
	public Stimulus<UUID> publish(Object event) {
		return stimulate(() -> this.publisher.publish(event));
	}

	/**
	 * Run an action, such as a call to a service that publishes events.
	 * @param <S> the type of what the action returns
	 * @param action the action
	 * @return what to wait for, with what the action returned as its result
	 */
	public <S> Stimulus<S> stimulate(Supplier<S> action) {
		int before = this.published.count();
		S result = action.get();
		return new Stimulus<>(before, result);
	}

	/**
	 * What a scenario waits for after its stimulus.
	 *
	 * @param <S> the type of the stimulus' result
	 */
	public final class Stimulus<S> {

		private final int publishedBefore;

		private final S result;

		private Stimulus(int publishedBefore, S result) {
			this.publishedBefore = publishedBefore;
			this.result = result;
		}

		/**
		 * Return what the stimulus returned: the id of the event published, or what the action
		 * returned.
		 * @return the result
		 */
		public S result() {
			return this.result;
		}

		/**
		 * Wait for a value to be there: not {@code null}, and not {@code false}.
		 * @param <T> the value's type
		 * @param value reads the value, such as a row a handler writes
		 * @return the value
		 * @throws AssertionError if the value is not there in time
		 */
		public <T> T andWaitFor(Supplier<@Nullable T> value) {
			return andWaitFor(value, (read) -> !Boolean.FALSE.equals(read));
		}

		/**
		 * Wait for an optional value to be present, such as a row a repository finds.
		 * @param <T> the value's type
		 * @param value reads the value
		 * @return the value
		 * @throws AssertionError if the value is not present in time
		 */
		public <T> T andWaitForPresent(Supplier<Optional<T>> value) {
			return andWaitFor(value, Optional::isPresent).get();
		}

		/**
		 * Wait for a value to satisfy a condition.
		 * @param <T> the value's type
		 * @param value reads the value
		 * @param condition what the value must satisfy
		 * @return the value
		 * @throws AssertionError if the value does not satisfy the condition in time
		 */
		public <T> T andWaitFor(Supplier<@Nullable T> value, Predicate<? super T> condition) {
			return poll(value, condition, (last) -> ("Waited %s for the value, which was last %s; published since "
					+ "the scenario began:%n  %s").formatted(EventScenario.this.timeout, last, publishedSince()));
		}

		/**
		 * Wait for an event of a type to be published, by a handler for example.
		 * @param <T> the type
		 * @param type the type, or a supertype of the event
		 * @param matching what the event must satisfy
		 * @return the first event published since the scenario began that matches
		 * @throws AssertionError if no such event is published in time
		 */
		public <T> PublishedEvent<T> andWaitForEvent(Class<T> type, Predicate<? super T> matching) {
			Supplier<Optional<PublishedEvent<T>>> found = () -> PublishedEvent
				.ofType(EventScenario.this.published.since(this.publishedBefore), type)
				.stream()
				.filter((published) -> matching.test(published.event()))
				.findFirst();
			return poll(found, Optional::isPresent, (last) -> ("Waited %s for an event of type %s matching the "
					+ "predicate; published since the scenario began:%n  %s")
				.formatted(EventScenario.this.timeout, type.getSimpleName(), publishedSince())).get();
		}

		/**
		 * Read a value until it satisfies a condition, or fail with a message made from the
		 * last value read once the scenario's timeout has passed.
		 */
		private <T> T poll(Supplier<@Nullable T> value, Predicate<? super T> condition,
				Function<@Nullable T, String> timedOut) {
			long deadline = System.nanoTime() + EventScenario.this.timeout.toNanos();
			T last = null;
			while (System.nanoTime() < deadline) {
				last = value.get();
				if (last != null && condition.test(last)) {
					return last;
				}
				pause();
			}
			throw new AssertionError(timedOut.apply(last));
		}

		private String publishedSince() {
			return PublishedEventsAssert.listed(EventScenario.this.published.since(this.publishedBefore));
		}

	}

	private static void pause() {
		try {
			Thread.sleep(POLL_INTERVAL.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting", ex);
		}
	}

}
