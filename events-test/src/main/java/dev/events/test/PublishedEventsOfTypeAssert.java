package dev.events.test;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on the published events of one type; each narrows them to those that
 * match, and a failure lists the events of the type that were published.
 *
 * @param <T> the type
 */
public class PublishedEventsOfTypeAssert<T>
		extends AbstractAssert<PublishedEventsOfTypeAssert<T>, List<PublishedEvent<T>>> {

	private final Class<T> type;

	PublishedEventsOfTypeAssert(Class<T> type, List<PublishedEvent<T>> actual) {
		super(actual, PublishedEventsOfTypeAssert.class);
		this.type = type;
	}

	/**
	 * Verify that some of the events match a predicate, and go on with those.
	 * @param predicate what the event must satisfy
	 * @return assertions on the events that match
	 */
	public PublishedEventsOfTypeAssert<T> matching(Predicate<? super T> predicate) {
		return narrowed((published) -> predicate.test(published.event()), "matching the predicate");
	}

	/**
	 * Verify that some of the events have a partition key, and go on with those.
	 * @param key the key, also the CloudEvent subject
	 * @return assertions on the events with that key
	 */
	public PublishedEventsOfTypeAssert<T> withKey(String key) {
		return narrowed((published) -> Objects.equals(published.key(), key), "with key " + key);
	}

	/**
	 * Verify that some of the events belong to a tenant, and go on with those.
	 * @param tenantId the tenant
	 * @return assertions on the events of that tenant
	 */
	public PublishedEventsOfTypeAssert<T> withTenant(String tenantId) {
		return narrowed((published) -> Objects.equals(published.tenantId(), tenantId), "of tenant " + tenantId);
	}

	/**
	 * Verify that some of the events carry a correlation id, and go on with those.
	 * @param correlationId the correlation id
	 * @return assertions on the events with that correlation id
	 */
	public PublishedEventsOfTypeAssert<T> withCorrelation(String correlationId) {
		return narrowed((published) -> Objects.equals(published.correlationId(), correlationId),
				"with correlation " + correlationId);
	}

	/**
	 * Verify that exactly one event remains.
	 * @return this assertion
	 */
	public PublishedEventsOfTypeAssert<T> once() {
		if (this.actual.size() != 1) {
			failWithMessage("Expected one event of type %s, but there were %d:%n  %s", this.type.getSimpleName(),
					this.actual.size(), PublishedEventsAssert.listed(this.actual));
		}
		return this;
	}

	private PublishedEventsOfTypeAssert<T> narrowed(Predicate<PublishedEvent<T>> condition, String description) {
		List<PublishedEvent<T>> matching = this.actual.stream().filter(condition).toList();
		if (matching.isEmpty()) {
			failWithMessage("Expected an event of type %s %s, but the events of that type published were:%n  %s",
					this.type.getSimpleName(), description, PublishedEventsAssert.listed(this.actual));
		}
		return new PublishedEventsOfTypeAssert<>(this.type, matching);
	}

}
