package dev.events.query;

import org.jspecify.annotations.Nullable;

import org.springframework.core.ParameterizedTypeReference;

import dev.events.dispatch.NoHandlerException;

/**
 * Asks queries of their {@link QueryHandler} methods.
 */
public interface QueryGateway {

	/**
	 * Ask a query and wait for the answer. The query is validated first where Jakarta Bean
	 * Validation is available, as commands are.
	 * @param <R> the type of the answer
	 * @param query the query
	 * @param resultType the type of the answer expected
	 * @return the handler's answer, {@code null} if it answered {@code null}
	 * @throws NoHandlerException if no handler takes the query
	 * @throws IllegalArgumentException if the answer is not of the expected type
	 * @throws RuntimeException what the handler threw
	 */
	<R> @Nullable R query(Object query, Class<R> resultType);

	/**
	 * Ask a query whose answer has a generic type, such as
	 * {@code query(history, new ParameterizedTypeReference<List<Entry>>() {})}. The answer is
	 * checked against the type's class ({@code List}): its type arguments are the handler's word.
	 * @param <R> the type of the answer
	 * @param query the query
	 * @param resultType the type of the answer expected
	 * @return the handler's answer, {@code null} if it answered {@code null}
	 * @throws NoHandlerException if no handler takes the query
	 * @throws IllegalArgumentException if the answer is not of the expected type's class
	 * @throws RuntimeException what the handler threw
	 */
	<R> @Nullable R query(Object query, ParameterizedTypeReference<R> resultType);

}
