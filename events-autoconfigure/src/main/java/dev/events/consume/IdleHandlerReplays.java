package dev.events.consume;

import org.springframework.context.ApplicationListener;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Starts requested replays on the consumers of handlers that receive no records: an idle
 * container publishes its event on its consumer's thread, every
 * {@link HandlerReplays#idleCheckInterval()}.
 */
public final class IdleHandlerReplays implements ApplicationListener<ListenerContainerIdleEvent> {

	private final HandlerReplays replays;

	private final EventHandlers handlers;

	/**
	 * Create the listener.
	 * @param replays the replays
	 * @param handlers the handlers, whose containers it listens to
	 */
	public IdleHandlerReplays(HandlerReplays replays, EventHandlers handlers) {
		this.replays = replays;
		this.handlers = handlers;
	}

	@Override
	public void onApplicationEvent(ListenerContainerIdleEvent event) {
		String handlerId = event.getContainer(MessageListenerContainer.class).getListenerId();
		if (handlerId != null && this.handlers.has(handlerId)) {
			this.replays.apply(handlerId, event.getConsumer());
		}
	}

}
