package dev.events.support;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.events.publish.EventSender;
import dev.events.publish.OutboundEvent;

/**
 * Sends through a real sender, but reports each acknowledgement only after a delay, as a
 * relay does whose sends hang for a while (slow broker, long GC pause, saturated network).
 */
public final class SlowSender implements EventSender {

	private final EventSender delegate;

	private final Duration delay;

	public SlowSender(EventSender delegate, Duration delay) {
		this.delegate = delegate;
		this.delay = delay;
	}

	@Override
	public CompletableFuture<?> send(OutboundEvent event) {
		return this.delegate.send(event)
			.thenApplyAsync((result) -> result,
					CompletableFuture.delayedExecutor(this.delay.toMillis(), TimeUnit.MILLISECONDS));
	}

}
