package dev.events.chaos.app;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.events.consume.EventEnvelope;
import dev.events.consume.EventHandler;

/**
 * The handler whose effects the verifier counts: one row in {@code chaos_effects} per handled
 * event, with no unique key, so that a duplicate effect shows. Off with {@code chaos.handle=false},
 * for an instance that only publishes.
 */
@Component
@ConditionalOnBooleanProperty(name = "chaos.handle", matchIfMissing = true)
class ChaosEffects {

	private final JdbcClient jdbc;

	private final ChaosProperties properties;

	private final AtomicLong handled = new AtomicLong();

	ChaosEffects(JdbcClient jdbc, ChaosProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	@EventHandler(id = "chaos-effects")
	void record(EventEnvelope<ChaosEvent> event) {
		this.jdbc.sql("INSERT INTO chaos_effects (event_id, chaos_key, seq, handled_by) VALUES (?, ?, ?, ?)")
			.params(UUID.fromString(event.id()), event.payload().key(), event.payload().seq(),
					this.properties.instance())
			.update();
		takeHandleTime(event.payload());
		if (this.handled.incrementAndGet() == this.properties.killAfterHandled()) {
			TransactionSynchronizationManager.registerSynchronization(new KillAfterCommit());
		}
	}

	private void takeHandleTime(ChaosEvent event) {
		if (this.properties.handleTime().isZero() || !this.properties.slow(event)) {
			return;
		}
		try {
			TimeUnit.NANOSECONDS.sleep(this.properties.handleTime().toNanos());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while taking the handle time", ex);
		}
	}

	/**
	 * Kills this process once the handler's transaction has committed, before the listener
	 * container commits the offsets: the window in which a redelivery must not apply an event twice.
	 */
	private static final class KillAfterCommit implements TransactionSynchronization {

		@Override
		public void afterCommit() {
			SelfSignal.kill();
		}

	}

}
