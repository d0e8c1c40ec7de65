package dev.events.query;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.ResolvableType;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

import dev.events.dispatch.MessageHandler;
import dev.events.dispatch.MessageObservations;
import dev.events.dispatch.MessageValidator;

/**
 * Asks each query of its handler in this application, in the asker's thread and transaction.
 */
public class LocalQueryGateway implements QueryGateway {

	private final QueryHandlers handlers;

	private final @Nullable MessageValidator validator;

	private final MessageObservations observations;

	/**
	 * Create a gateway.
	 * @param handlers the query handlers
	 * @param validator checks each query before its handler runs, if any
	 * @param observationRegistry where each query is observed, as {@code events.query}
	 */
	public LocalQueryGateway(QueryHandlers handlers, @Nullable MessageValidator validator,
			ObservationRegistry observationRegistry) {
		this.handlers = handlers;
		this.validator = validator;
		this.observations = new MessageObservations(observationRegistry, "query");
	}

	@Override
	@SuppressWarnings("unchecked")
	public <R> @Nullable R query(Object query, Class<R> resultType) {
		return (R) answer(query, resultType);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <R> @Nullable R query(Object query, ParameterizedTypeReference<R> resultType) {
		return (R) answer(query, ResolvableType.forType(resultType).toClass());
	}

	private @Nullable Object answer(Object query, Class<?> resultType) {
		Assert.notNull(query, "A query must not be null");
		MessageHandler handler = this.handlers.handlerOf(query.getClass());
		if (cannotAnswer(handler.resultType(), resultType)) {
			throw new IllegalArgumentException("%s answers %s, not %s".formatted(handler,
					handler.resultType().getName(), resultType.getName()));
		}
		return this.observations.observe(query, handler, () -> {
			if (this.validator != null) {
				this.validator.validate(query);
			}
			Object answer = handler.invoke(query);
			if (!ClassUtils.isAssignableValue(resultType, answer)) {
				throw new IllegalArgumentException("%s answered %s, not a %s".formatted(handler,
						(answer != null) ? "a " + answer.getClass().getName() : "null", resultType.getName()));
			}
			return answer;
		});
	}

	/**
	 * Whether no answer of a declared type can be of the type asked for: neither is assignable to
	 * the other, and neither is an interface that a class of the other might implement.
	 */
	private static boolean cannotAnswer(Class<?> declared, Class<?> asked) {
		return !ClassUtils.isAssignable(asked, declared) && !ClassUtils.isAssignable(declared, asked)
				&& !declared.isInterface() && !asked.isInterface();
	}

}
