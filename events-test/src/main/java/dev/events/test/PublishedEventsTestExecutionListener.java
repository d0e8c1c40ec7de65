package dev.events.test;

import java.time.Duration;
import java.util.function.Consumer;

import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

import dev.events.memory.InMemoryTransport;

/**
 * Has the {@link PublishedEvents} of a test's application context capture what each test method
 * publishes, from empty, so that each test sees what it published and not what the tests before
 * it did; nothing is captured between test methods. On the in-memory transport it first lets the
 * handlers finish what the test before published, so that their events are not counted as this
 * test's; on Kafka, events that handlers publish late for an earlier test can still arrive.
 */
public class PublishedEventsTestExecutionListener extends AbstractTestExecutionListener {

	@Override
	public int getOrder() {
		return 2100;
	}

	private static final Duration HANDLERS_TIMEOUT = Duration.ofSeconds(10);

	@Override
	public void beforeTestMethod(TestContext testContext) throws InterruptedException {
		publishedEvents(testContext, PublishedEvents::start);
	}

	@Override
	public void afterTestMethod(TestContext testContext) throws InterruptedException {
		publishedEvents(testContext, PublishedEvents::stop);
	}

	private static void publishedEvents(TestContext testContext, Consumer<PublishedEvents> action)
			throws InterruptedException {
		if (!testContext.hasApplicationContext()) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		PublishedEvents published = context.getBeanProvider(PublishedEvents.class).getIfAvailable();
		if (published == null) {
			return;
		}
		InMemoryTransport transport = context.getBeanProvider(InMemoryTransport.class).getIfAvailable();
		if (transport != null) {
			transport.awaitIdle(HANDLERS_TIMEOUT);
		}
		action.accept(published);
	}

}
