package dev.events.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.NestedExceptionUtils;

/**
 * Asks the Kafka cluster to describe itself, with a short timeout, and reuses the answer for a
 * while so that health checks do not hammer the cluster; tells which topics are missing. Keeps
 * one admin client open.
 */
public class KafkaClusterProbe implements DisposableBean {

	private final Map<String, Object> adminConfig;

	private final Duration timeout;

	private final Duration cacheDuration;

	private final Clock clock;

	private @Nullable Admin admin;

	private @Nullable ClusterState state;

	private Instant probedAt = Instant.MIN;

	/**
	 * Create a probe.
	 * @param adminConfig the admin client configuration (Boot's {@code KafkaAdmin} properties)
	 * @param timeout how long to wait for the cluster
	 * @param cacheDuration how long an answer is reused
	 * @param clock the clock
	 */
	public KafkaClusterProbe(Map<String, Object> adminConfig, Duration timeout, Duration cacheDuration, Clock clock) {
		this.adminConfig = adminConfig;
		this.timeout = timeout;
		this.cacheDuration = cacheDuration;
		this.clock = clock;
	}

	/**
	 * Return the state of the cluster, asking it again once the last answer is too old.
	 * @return the state
	 */
	public synchronized ClusterState state() {
		Instant now = this.clock.instant();
		if (this.state == null || !now.isBefore(this.probedAt.plus(this.cacheDuration))) {
			this.state = describe();
			this.probedAt = now;
		}
		return this.state;
	}

	private ClusterState describe() {
		try {
			DescribeClusterResult cluster = admin()
				.describeCluster(new DescribeClusterOptions().timeoutMs((int) this.timeout.toMillis()));
			int nodes = cluster.nodes().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS).size();
			String clusterId = cluster.clusterId().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			return new ClusterState(true, nodes, clusterId, null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new ClusterState(false, 0, null, "interrupted");
		}
		catch (Exception ex) {
			return new ClusterState(false, 0, null, NestedExceptionUtils.getMostSpecificCause(ex).toString());
		}
	}

	/**
	 * Return which of the given topics the cluster says do not exist. Topics it does not answer
	 * for in time are not reported.
	 * @param topics the topics to look up
	 * @return the missing topics, sorted
	 */
	public List<String> missingTopics(Collection<String> topics) {
		Map<String, KafkaFuture<TopicDescription>> descriptions;
		synchronized (this) {
			descriptions = admin()
				.describeTopics(topics, new DescribeTopicsOptions().timeoutMs((int) this.timeout.toMillis()))
				.topicNameValues();
		}
		List<String> missing = new ArrayList<>();
		descriptions.forEach((topic, description) -> {
			try {
				description.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
					missing.add(topic);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (TimeoutException ex) {
				// not known in time: not reported
			}
		});
		Collections.sort(missing);
		return missing;
	}

	private Admin admin() {
		if (this.admin == null) {
			this.admin = Admin.create(this.adminConfig);
		}
		return this.admin;
	}

	@Override
	public synchronized void destroy() {
		if (this.admin != null) {
			this.admin.close(Duration.ofSeconds(1));
			this.admin = null;
		}
	}

	/**
	 * What the cluster said about itself.
	 *
	 * @param reachable whether it answered in time
	 * @param nodes the number of brokers
	 * @param clusterId the cluster id
	 * @param error why it did not answer
	 */
	public record ClusterState(boolean reachable, int nodes, @Nullable String clusterId, @Nullable String error) {

	}

}
