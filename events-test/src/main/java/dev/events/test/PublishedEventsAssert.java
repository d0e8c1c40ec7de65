package dev.events.test;

import java.util.List;

import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on the {@link PublishedEvents} of a test; a failure says what was published
 * instead.
 */
public class PublishedEventsAssert extends AbstractAssert<PublishedEventsAssert, PublishedEvents> {

	PublishedEventsAssert(PublishedEvents actual) {
		super(actual, PublishedEventsAssert.class);
	}

	/**
	 * Verify that no event was published, as when the publishing transaction rolled back.
	 * @return this assertion
	 */
	public PublishedEventsAssert isEmpty() {
		isNotNull();
		if (this.actual.count() > 0) {
			failWithMessage("Expected no events to be published, but published were:%n  %s", listed(this.actual.all()));
		}
		return this;
	}

	/**
	 * Verify that this many events were published.
	 * @param expected the number of events
	 * @return this assertion
	 */
	public PublishedEventsAssert hasSize(int expected) {
		isNotNull();
		if (this.actual.count() != expected) {
			failWithMessage("Expected %d events to be published, but %d were:%n  %s", expected, this.actual.count(),
					listed(this.actual.all()));
		}
		return this;
	}

	/**
	 * Verify that an event of a type was published, and go on to assert on the events of that
	 * type.
	 * @param <T> the type
	 * @param type the type, or a supertype of the events
	 * @return assertions on the events of that type
	 */
	public <T> PublishedEventsOfTypeAssert<T> contains(Class<T> type) {
		isNotNull();
		List<PublishedEvent<T>> ofType = this.actual.ofType(type);
		if (ofType.isEmpty()) {
			failWithMessage("Expected an event of type %s to be published, but published were:%n  %s",
					type.getSimpleName(), listed(this.actual.all()));
		}
		return new PublishedEventsOfTypeAssert<>(type, ofType);
	}

	/**
	 * Verify that no event of a type was published.
	 * @param type the type, or a supertype of the events
	 * @return this assertion
	 */
	public PublishedEventsAssert doesNotContain(Class<?> type) {
		isNotNull();
		List<? extends PublishedEvent<?>> ofType = this.actual.ofType(type);
		if (!ofType.isEmpty()) {
			failWithMessage("Expected no event of type %s to be published, but these were:%n  %s",
					type.getSimpleName(), listed(ofType));
		}
		return this;
	}

	static String listed(List<? extends PublishedEvent<?>> events) {
		if (events.isEmpty()) {
			return "(none)";
		}
		StringBuilder text = new StringBuilder();
		for (PublishedEvent<?> event : events) {
			if (!text.isEmpty()) {
				text.append(String.format("%n  "));
			}
			text.append(event);
		}
		return text.toString();
	}

}
