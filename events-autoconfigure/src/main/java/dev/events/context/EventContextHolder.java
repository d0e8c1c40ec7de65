package dev.events.context;

import org.jspecify.annotations.Nullable;

/**
 * Holds the {@link EventContext} of the current thread.
 * <p>
 * Open a scope where the context is known and close it when the work is done:
 * <pre class="code">
 * try (EventContextHolder.Scope scope = EventContextHolder.open(EventContext.empty().withTenantId("acme"))) {
 *     orders.place(order);
 * }
 * </pre>
 * Scopes nest: closing one restores the context that was current when it was opened. With
 * Micrometer's context-propagation on the classpath ({@link EventContextAccessor}), the context
 * follows work to other threads where the application propagates context, such as {@code @Async}
 * methods with {@code spring.task.execution.propagate-context=true}.
 */
public final class EventContextHolder {

	private static final ThreadLocal<EventContext> CURRENT = new ThreadLocal<>();

	private EventContextHolder() {
	}

	/**
	 * Return the context of the current thread, empty when none was opened.
	 * @return the current context, never {@code null}
	 */
	public static EventContext current() {
		EventContext context = CURRENT.get();
		return (context != null) ? context : EventContext.empty();
	}

	/**
	 * Return the context of the current thread as set, for {@link EventContextAccessor}.
	 * @return the current context, or {@code null} when none was opened
	 */
	static @Nullable EventContext get() {
		return CURRENT.get();
	}

	/**
	 * Set the context of the current thread, for {@link EventContextAccessor}.
	 * @param context the context, or {@code null} for none
	 */
	static void set(@Nullable EventContext context) {
		if (context != null) {
			CURRENT.set(context);
		}
		else {
			CURRENT.remove();
		}
	}

	/**
	 * Make the given context current until the returned scope is closed.
	 * @param context the context to make current
	 * @return the scope to close
	 */
	public static Scope open(EventContext context) {
		EventContext previous = CURRENT.get();
		CURRENT.set(context);
		return () -> set(previous);
	}

	/**
	 * A context made current by {@link #open(EventContext)}; closing it restores the previous one.
	 */
	@FunctionalInterface
	public interface Scope extends AutoCloseable {

		@Override
		void close();

	}

}
