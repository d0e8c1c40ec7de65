package dev.events.consume;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionOperations;

import dev.events.inbox.InboxStore;

/**
 * The application's {@link EventHandler} methods, resolved into {@link HandlerEndpoint
 * endpoints} for a transport to deliver records to (Kafka's listener containers, or the
 * in-memory transport), and registered in {@link EventHandlers} for handling their dead letters
 * again.
 */
public final class HandlerEndpoints {

	private static final Log logger = LogFactory.getLog(HandlerEndpoints.class);

	private final EventHandlerMethodCollector collector;

	private final EventHandlerMethodResolver resolver;

	private final EventDecoder decoder;

	private final @Nullable InboxStore inbox;

	private final TransactionOperations transactions;

	private final HandlerErrorHandlerFactory errorHandlers;

	private final HandlerSettings settings;

	private final EventHandlers handlers;

	private final @Nullable HandlerReplays replays;

	/**
	 * Create the endpoints of the handlers a collector finds.
	 * @param collector the annotated methods found on beans
	 * @param settings handler defaults and how events are decoded
	 * @param inbox the inbox, or {@code null} for at-least-once handling without a database
	 * @param transactions runs each batch in a transaction
	 * @param errorHandlers the retries and dead letters of each handler
	 * @param replays applies replays requested for handlers, or {@code null} without them
	 */
	public HandlerEndpoints(EventHandlerMethodCollector collector, HandlerSettings settings,
			@Nullable InboxStore inbox, TransactionOperations transactions, HandlerErrorHandlerFactory errorHandlers,
			@Nullable HandlerReplays replays) {
		this.collector = collector;
		this.resolver = new EventHandlerMethodResolver(settings.registry(), settings.applicationName(),
				settings.concurrency(), settings.maxAttempts(), settings.deadLetters(),
				errorHandlers.hasDeadLetterStore());
		this.decoder = new EventDecoder(settings.mapper(), settings.registry(), settings.jsonMapper(),
				settings.tenantRequired(), settings.unknownTypes());
		this.inbox = inbox;
		this.transactions = transactions;
		this.handlers = new EventHandlers(transactions);
		this.errorHandlers = errorHandlers;
		this.settings = settings;
		this.replays = replays;
	}

	/**
	 * Resolve the handler methods collected so far into endpoints and register them; call once
	 * every bean is created.
	 * @return the endpoints, one per handler method
	 */
	public List<HandlerEndpoint> resolve() {
		List<HandlerEndpoint> endpoints = this.collector.handlers()
			.stream()
			.map(this.resolver::resolve)
			.map(this::endpoint)
			.toList();
		if (!endpoints.isEmpty() && this.inbox == null) {
			logger.info("Event handlers run at least once: there is no DataSource for the inbox, so a redelivered "
					+ "event is handled again");
		}
		if (!endpoints.isEmpty() && !this.settings.observationEnabled()
				&& this.settings.observationConvention() != null) {
			logger.info("The EventHandlingObservationConvention applies to observed handler invocations only: with "
					+ "spring.kafka.listener.observation-enabled off, events.handle is a timer with the default tags");
		}
		return endpoints;
	}

	/**
	 * Return the ids of the registered handlers, which are also their listener container ids.
	 * @return the handler ids
	 */
	public List<String> handlerIds() {
		return this.handlers.ids();
	}

	/**
	 * Return the registered handlers, for handling their dead letters again.
	 * @return the handlers
	 */
	public EventHandlers handlers() {
		return this.handlers;
	}

	private HandlerEndpoint endpoint(EventHandlerMethod handler) {
		EventHandlerListener listener = new EventHandlerListener(handler, this.decoder, this.inbox,
				this.errorHandlers.sequencesOf(handler), this.errorHandlers.failedRecords(), this.replays,
				this.transactions, observations(handler.id()), this.settings.meterRegistry());
		this.handlers.register(handler.id(), listener);
		return new HandlerEndpoint(handler, listener, this.errorHandlers.retries(handler));
	}

	private HandlingObservations observations(String handlerId) {
		if (this.settings.observationEnabled()) {
			return HandlingObservations.observed(handlerId, this.settings.observations(),
					this.settings.observationConvention());
		}
		return HandlingObservations.timed(handlerId, this.settings.meterRegistry(), this.settings.traces());
	}

}
