package dev.events.command;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import dev.events.dispatch.NoHandlerException;

/**
 * Sends commands to their {@link CommandHandler} methods.
 */
public interface CommandGateway {

	/**
	 * Send a command and wait for its handler to finish. The command is validated first where
	 * Jakarta Bean Validation is available: an invalid one fails with a
	 * {@code jakarta.validation.ConstraintViolationException} naming each violation, and its
	 * handler does not run.
	 * @param <R> the type of the result
	 * @param command the command
	 * @return what the handler returned, {@code null} if it returns nothing
	 * @throws NoHandlerException if no handler takes the command
	 * @throws RuntimeException what the handler threw (a checked exception wrapped in an
	 * {@link java.lang.reflect.UndeclaredThrowableException}); its transaction is rolled back
	 */
	<R> @Nullable R send(Object command);

	/**
	 * Send a command and return its outcome as a future: the form to use where a handler may one
	 * day run elsewhere. Locally the handler runs before this method returns, in the sender's
	 * thread and transaction as with {@link #send}, and the future is complete.
	 * @param <R> the type of the result
	 * @param command the command
	 * @return the handler's result, or the failure {@link #send} would throw
	 */
	<R> CompletableFuture<@Nullable R> sendAsync(Object command);

}
