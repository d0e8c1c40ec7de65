package dev.events.outbox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.jspecify.annotations.Nullable;

import dev.events.publish.EventSender;

/**
 * One round of the {@link OutboxRelay}: sends a batch of entries in sequence order, then, once
 * the broker has answered for each, sorts them into delivered, failed and to be sent again.
 * <p>
 * A send that fails at once holds back the rest of its shard, and, when the failure may pass
 * by waiting (no metadata for the topic), every later send to its topic too, so an unreachable
 * broker costs one {@code max.block.ms} per topic and round. An entry whose send succeeded after
 * an earlier entry of the same key failed is not delivered for the relay's purposes: it is sent
 * again after that one, so the key's order holds.
 */
final class RelayRound {

	private final List<InFlight> inFlight;

	private RelayRound(List<InFlight> inFlight) {
		this.inFlight = inFlight;
	}

	/**
	 * Send a batch.
	 * @param batch the entries, in sequence order
	 * @param sender sends each entry's event
	 * @return the round, its sends on their way
	 */
	static RelayRound send(List<OutboxEntry> batch, EventSender sender) {
		List<InFlight> inFlight = new ArrayList<>(batch.size());
		Set<Integer> haltedShards = new HashSet<>();
		Set<String> haltedTopics = new HashSet<>();
		for (OutboxEntry entry : batch) {
			if (haltedShards.contains(entry.shard()) || haltedTopics.contains(entry.event().topic())) {
				continue;
			}
			CompletableFuture<?> ack = sendOne(entry, sender);
			inFlight.add(new InFlight(entry, ack));
			Throwable failedAtOnce = ack.isCompletedExceptionally() ? awaitFailure(ack) : null;
			if (failedAtOnce != null) {
				haltedShards.add(entry.shard());
				if (!SendFailures.isPermanent(failedAtOnce)) {
					haltedTopics.add(entry.event().topic());
				}
			}
		}
		return new RelayRound(inFlight);
	}

	private static CompletableFuture<?> sendOne(OutboxEntry entry, EventSender sender) {
		try {
			return sender.send(entry.event());
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/**
	 * Wait for the broker's answer to every send of the round.
	 * @return what became of each entry
	 */
	Outcome await() {
		List<OutboxEntry> delivered = new ArrayList<>(this.inFlight.size());
		List<Failure> failed = new ArrayList<>();
		Set<OrderedKey> failedKeys = new HashSet<>();
		for (InFlight sent : this.inFlight) {
			OrderedKey key = OrderedKey.of(sent.entry());
			Throwable failure = awaitFailure(sent.ack());
			if (failure != null) {
				failed.add(new Failure(sent.entry(), failure, SendFailures.isPermanent(failure)));
				if (key != null) {
					failedKeys.add(key);
				}
			}
			else if (key == null || !failedKeys.contains(key)) {
				delivered.add(sent.entry());
			}
		}
		return new Outcome(delivered, failed);
	}

	private static @Nullable Throwable awaitFailure(CompletableFuture<?> ack) {
		try {
			ack.join();
			return null;
		}
		catch (CompletionException | CancellationException ex) {
			return (ex.getCause() != null) ? ex.getCause() : ex;
		}
	}

	/**
	 * What became of a round's entries. Entries acknowledged behind a failed entry of their key
	 * are in neither list: they stay pending, to be sent again after it.
	 *
	 * @param delivered acknowledged by the broker, in order behind everything of their key
	 * @param failed not acknowledged
	 */
	record Outcome(List<OutboxEntry> delivered, List<Failure> failed) {

	}

	/**
	 * A failed send.
	 *
	 * @param entry the entry
	 * @param cause what it failed with
	 * @param permanent whether waiting cannot fix it, so it counts towards parking
	 */
	record Failure(OutboxEntry entry, Throwable cause, boolean permanent) {

	}

	private record InFlight(OutboxEntry entry, CompletableFuture<?> ack) {

	}

	private record OrderedKey(String topic, String key) {

		static @Nullable OrderedKey of(OutboxEntry entry) {
			String key = entry.event().key();
			return (key != null) ? new OrderedKey(entry.event().topic(), key) : null;
		}

	}

}
