package dev.events.test;

import java.util.function.Consumer;

import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Has the {@link PublishedEvents} of a test's application context capture what each test method
 * publishes, from empty, so that each test sees what it published and not what the tests before
 * it did; nothing is captured between test methods.
 */
public class PublishedEventsTestExecutionListener extends AbstractTestExecutionListener {

	@Override
	public int getOrder() {
		return 2100;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		publishedEvents(testContext, PublishedEvents::start);
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		publishedEvents(testContext, PublishedEvents::stop);
	}

	private static void publishedEvents(TestContext testContext, Consumer<PublishedEvents> action) {
		if (testContext.hasApplicationContext()) {
			ApplicationContext context = testContext.getApplicationContext();
			context.getBeanProvider(PublishedEvents.class).ifAvailable(action);
		}
	}

}
