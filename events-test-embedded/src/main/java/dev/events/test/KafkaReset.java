package dev.events.test;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Gives a test a clean slate on a broker it shares with earlier tests: deletes topics and
 * consumer groups if they exist and waits until the topics are gone, so that the application
 * under test creates them afresh.
 */
public final class KafkaReset {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private KafkaReset() {
	}

	/**
	 * Delete the given consumer groups, which must have no members, and topics, where present.
	 * @param bootstrapServers the broker
	 * @param topics the topics to delete
	 * @param groups the consumer groups to delete
	 */
	public static void deleteTopicsAndGroups(String bootstrapServers, Collection<String> topics,
			Collection<String> groups) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			ignoreMissing(() -> admin.deleteConsumerGroups(groups).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
			ignoreMissing(() -> admin.deleteTopics(topics).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
			long deadline = System.nanoTime() + TIMEOUT.toNanos();
			while (admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).stream()
				.anyMatch(topics::contains)) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Topics " + topics + " still exist after " + TIMEOUT);
				}
				Thread.sleep(100);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not delete " + topics + " and " + groups, ex);
		}
	}

	private static void ignoreMissing(AdminCall call)
			throws InterruptedException, ExecutionException, TimeoutException {
		try {
			call.run();
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof UnknownTopicOrPartitionException
					|| ex.getCause() instanceof GroupIdNotFoundException)) {
				throw ex;
			}
		}
	}

	@FunctionalInterface
	private interface AdminCall {

		void run() throws InterruptedException, ExecutionException, TimeoutException;

	}

}
