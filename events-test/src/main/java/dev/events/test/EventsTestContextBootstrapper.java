package dev.events.test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;

/**
 * Bootstraps an {@link EventsTest}: its properties, and the in-memory transport whatever they say.
 */
class EventsTestContextBootstrapper extends TestSliceTestContextBootstrapper<EventsTest> {

	private static final String TRANSPORT = "events.transport";

	@Override
	protected String[] getProperties(Class<?> testClass) {
		String[] configured = super.getProperties(testClass);
		List<String> properties = new ArrayList<>((configured != null) ? Arrays.asList(configured) : List.of());
		properties.add(TRANSPORT + "=in-memory");
		return properties.toArray(String[]::new);
	}

}
