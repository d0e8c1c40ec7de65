package dev.events.context;

import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;

/**
 * Lets Micrometer's context-propagation carry the {@link EventContext} of a thread to the threads
 * that continue its work: {@code @Async} methods with
 * {@code spring.task.execution.propagate-context=true}, executors wrapped with
 * {@code ContextExecutorService}, Reactor with automatic context propagation. Registered through
 * {@code META-INF/services}, so nothing needs to be configured.
 */
public class EventContextAccessor implements ThreadLocalAccessor<EventContext> {

	/**
	 * The key of the event context in a context snapshot.
	 */
	public static final String KEY = "dev.events.context";

	@Override
	public Object key() {
		return KEY;
	}

	@Override
	public @Nullable EventContext getValue() {
		return EventContextHolder.get();
	}

	@Override
	public void setValue(EventContext value) {
		EventContextHolder.set(value);
	}

	@Override
	public void setValue() {
		EventContextHolder.set(null);
	}

}
