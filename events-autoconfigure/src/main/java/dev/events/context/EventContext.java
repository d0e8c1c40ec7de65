package dev.events.context;

import org.jspecify.annotations.Nullable;

/**
 * Who and what an event is published for: tenant, actor and the ids that tie events
 * into one conversation.
 * <p>
 * Applications set the current context through {@link EventContextHolder} (for example in a
 * web filter); handlers receive the context of the event they handle, so events published
 * from a handler carry its correlation id and name it as their cause.
 *
 * @param tenantId the tenant the event belongs to
 * @param actorId the user or system that caused the event
 * @param correlationId the id shared by every event of one business conversation
 * @param causationId the id of the event that caused this one
 */
public record EventContext(@Nullable String tenantId, @Nullable String actorId, @Nullable String correlationId,
		@Nullable String causationId) {

	private static final EventContext EMPTY = new EventContext(null, null, null, null);

	/**
	 * Return a context with no values.
	 * @return the empty context
	 */
	public static EventContext empty() {
		return EMPTY;
	}

	/**
	 * Return a copy of this context for the given tenant.
	 * @param tenantId the tenant
	 * @return a new context
	 */
	public EventContext withTenantId(@Nullable String tenantId) {
		return new EventContext(tenantId, this.actorId, this.correlationId, this.causationId);
	}

	/**
	 * Return a copy of this context for the given actor.
	 * @param actorId the actor
	 * @return a new context
	 */
	public EventContext withActorId(@Nullable String actorId) {
		return new EventContext(this.tenantId, actorId, this.correlationId, this.causationId);
	}

	/**
	 * Return a copy of this context with the given correlation id.
	 * @param correlationId the correlation id
	 * @return a new context
	 */
	public EventContext withCorrelationId(@Nullable String correlationId) {
		return new EventContext(this.tenantId, this.actorId, correlationId, this.causationId);
	}

	/**
	 * Return a copy of this context with the given causation id.
	 * @param causationId the id of the causing event
	 * @return a new context
	 */
	public EventContext withCausationId(@Nullable String causationId) {
		return new EventContext(this.tenantId, this.actorId, this.correlationId, causationId);
	}

	/**
	 * Return this context with every value that is missing here taken from {@code fallback}.
	 * @param fallback the context to fill gaps from
	 * @return the merged context
	 */
	public EventContext orElse(EventContext fallback) {
		return new EventContext(firstNonNull(this.tenantId, fallback.tenantId),
				firstNonNull(this.actorId, fallback.actorId), firstNonNull(this.correlationId, fallback.correlationId),
				firstNonNull(this.causationId, fallback.causationId));
	}

	private static @Nullable String firstNonNull(@Nullable String first, @Nullable String second) {
		return (first != null) ? first : second;
	}

}
