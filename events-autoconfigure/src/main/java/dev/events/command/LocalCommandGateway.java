package dev.events.command;

import java.util.concurrent.CompletableFuture;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

import dev.events.dispatch.MessageHandler;
import dev.events.dispatch.MessageObservations;
import dev.events.dispatch.MessageValidator;

/**
 * Sends each command to its handler in this application, in the sender's thread: in the sender's
 * transaction, or in one of its own when the sender has none and a transaction manager exists.
 */
public class LocalCommandGateway implements CommandGateway {

	private final CommandHandlers handlers;

	private final @Nullable MessageValidator validator;

	private final @Nullable TransactionTemplate transactions;

	private final MessageObservations observations;

	/**
	 * Create a gateway.
	 * @param handlers the command handlers
	 * @param validator checks each command before its handler runs, if any
	 * @param transactionManager the manager of the transactions handlers run in, if any
	 * @param observationRegistry where each command is observed, as {@code events.command}
	 */
	public LocalCommandGateway(CommandHandlers handlers, @Nullable MessageValidator validator,
			@Nullable PlatformTransactionManager transactionManager, ObservationRegistry observationRegistry) {
		this.handlers = handlers;
		this.validator = validator;
		this.transactions = (transactionManager != null) ? new TransactionTemplate(transactionManager,
				TransactionDefinition.withDefaults()) : null;
		this.observations = new MessageObservations(observationRegistry, "command");
	}

	@Override
	@SuppressWarnings("unchecked")
	public <R> @Nullable R send(Object command) {
		Assert.notNull(command, "A command must not be null");
		MessageHandler handler = this.handlers.handlerOf(command.getClass());
		return (R) this.observations.observe(command, handler, () -> {
			if (this.validator != null) {
				this.validator.validate(command);
			}
			return (this.transactions != null) ? this.transactions.execute((status) -> handler.invoke(command))
					: handler.invoke(command);
		});
	}

	@Override
	public <R> CompletableFuture<@Nullable R> sendAsync(Object command) {
		try {
			return CompletableFuture.completedFuture(send(command));
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

}
