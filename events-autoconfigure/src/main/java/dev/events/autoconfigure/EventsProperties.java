package dev.events.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import dev.events.cloudevents.CloudEventsMode;
import dev.events.consume.DeadLetterDestination;
import dev.events.consume.UnknownTypePolicy;

/**
 * Configuration properties of {@code events}. Kafka connection, security and client tuning stay
 * under {@code spring.kafka.*}. Settings that cannot work are refused when they are bound
 * ({@link EventsPropertiesValidator}).
 */
@ConfigurationProperties("events")
public class EventsProperties implements Validator {

	/**
	 * CloudEvent source of published events. Defaults to spring.application.name.
	 */
	private @Nullable String source;

	/**
	 * What carries events from publishers to handlers: Kafka, or, for tests and local runs, the
	 * application itself (in-memory).
	 */
	private Transport transport = Transport.KAFKA;

	private final Types types = new Types();

	private final Tenancy tenancy = new Tenancy();

	private final Cloudevents cloudevents = new Cloudevents();

	private final Outbox outbox = new Outbox();

	private final Jdbc jdbc = new Jdbc();

	private final Handlers handlers = new Handlers();

	private final Health health = new Health();

	private final Store store = new Store();

	/**
	 * Topics to create on startup through Kafka's admin client, by name.
	 */
	private final Map<String, Topic> topics = new LinkedHashMap<>();

	public @Nullable String getSource() {
		return this.source;
	}

	public void setSource(@Nullable String source) {
		this.source = source;
	}

	public Transport getTransport() {
		return this.transport;
	}

	public void setTransport(Transport transport) {
		this.transport = transport;
	}

	public Types getTypes() {
		return this.types;
	}

	public Tenancy getTenancy() {
		return this.tenancy;
	}

	public Cloudevents getCloudevents() {
		return this.cloudevents;
	}

	public Outbox getOutbox() {
		return this.outbox;
	}

	public Jdbc getJdbc() {
		return this.jdbc;
	}

	public Map<String, Topic> getTopics() {
		return this.topics;
	}

	public Handlers getHandlers() {
		return this.handlers;
	}

	public Store getStore() {
		return this.store;
	}

	public Health getHealth() {
		return this.health;
	}

	@Override
	public boolean supports(Class<?> type) {
		return EventsProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		EventsPropertiesValidator.validate((EventsProperties) target, errors);
	}

	/**
	 * What carries events from publishers to handlers.
	 */
	public enum Transport {

		/**
		 * Kafka, through the outbox where there is one.
		 */
		KAFKA,

		/**
		 * The application itself: each event goes to the application's own handlers, as the
		 * same CloudEvent record, without a broker. For tests and local runs.
		 */
		IN_MEMORY

	}

	/**
	 * Where event types are found.
	 */
	public static class Types {

		/**
		 * Packages scanned for @DomainEvent classes at startup; the application's
		 * auto-configuration packages (those of @SpringBootApplication) when empty.
		 */
		private List<String> packages = new ArrayList<>();

		public List<String> getPackages() {
			return this.packages;
		}

		public void setPackages(List<String> packages) {
			this.packages = packages;
		}

	}

	/**
	 * Multi-tenancy settings.
	 */
	public static class Tenancy {

		/**
		 * Whether every event must have a tenant; publishing without one then fails.
		 */
		private boolean required;

		public boolean isRequired() {
			return this.required;
		}

		public void setRequired(boolean required) {
			this.required = required;
		}

	}

	/**
	 * CloudEvents wire format settings.
	 */
	public static class Cloudevents {

		/**
		 * Content mode of CloudEvents on Kafka: attributes in ce_* headers (binary) or the whole
		 * event as JSON in the record value (structured).
		 */
		private CloudEventsMode mode = CloudEventsMode.BINARY;

		public CloudEventsMode getMode() {
			return this.mode;
		}

		public void setMode(CloudEventsMode mode) {
			this.mode = mode;
		}

	}

	/**
	 * Transactional outbox settings.
	 */
	public static class Outbox {

		/**
		 * Whether to publish through the transactional outbox when a DataSource is available.
		 * When disabled, events are sent to Kafka directly, without transactional guarantees.
		 */
		private boolean enabled = true;

		/**
		 * Number of shards events are spread over by partition key. Shards are the unit of
		 * ordering and of work sharing between instances. Instances follow the count in the
		 * database; one started with another count changes it there once every relay has
		 * finished its current sends.
		 */
		private int shards = 16;

		/**
		 * How long sent events are kept in the outbox table; zero deletes them as soon as Kafka
		 * acknowledges them.
		 */
		private Duration retention = Duration.ZERO;

		/**
		 * How often sent events older than the retention are deleted.
		 */
		private Duration cleanupInterval = Duration.ofMinutes(1);

		/**
		 * The most sent events one cleanup statement deletes; the relay deletes one batch per
		 * round until none older than the retention are left.
		 */
		private int cleanupBatchSize = 5000;

		/**
		 * How often the backlog (pending, oldest pending, parked) is read again for health and
		 * metrics; readings in between are reused.
		 */
		private Duration backlogRefreshInterval = Duration.ofSeconds(5);

		private final Relay relay = new Relay();

		public Duration getBacklogRefreshInterval() {
			return this.backlogRefreshInterval;
		}

		public void setBacklogRefreshInterval(Duration backlogRefreshInterval) {
			this.backlogRefreshInterval = backlogRefreshInterval;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getShards() {
			return this.shards;
		}

		public void setShards(int shards) {
			this.shards = shards;
		}

		public Duration getRetention() {
			return this.retention;
		}

		public void setRetention(Duration retention) {
			this.retention = retention;
		}

		public Duration getCleanupInterval() {
			return this.cleanupInterval;
		}

		public void setCleanupInterval(Duration cleanupInterval) {
			this.cleanupInterval = cleanupInterval;
		}

		public int getCleanupBatchSize() {
			return this.cleanupBatchSize;
		}

		public void setCleanupBatchSize(int cleanupBatchSize) {
			this.cleanupBatchSize = cleanupBatchSize;
		}

		public Relay getRelay() {
			return this.relay;
		}

	}

	/**
	 * Outbox relay settings.
	 */
	public static class Relay {

		/**
		 * Whether this instance relays outbox events to Kafka. Instances that only publish may
		 * turn it off.
		 */
		private boolean enabled = true;

		/**
		 * Id of this instance among those sharing the database: its relay's lease owner and the
		 * author of its handlers' pause reports. Defaults to the host name followed by a random
		 * suffix.
		 */
		private @Nullable String instanceId;

		/**
		 * Maximum number of events read and sent in one round.
		 */
		private int batchSize = 2000;

		/**
		 * How long the relay waits for newly committed events before polling the outbox again.
		 */
		private Duration pollInterval = Duration.ofMillis(500);

		/**
		 * How long a shard lease lasts without renewal, in database time; an instance that dies
		 * loses its shards after this. Also how long stopping waits for sends in flight.
		 */
		private Duration leaseDuration = Duration.ofSeconds(30);

		/**
		 * How often shard leases are renewed and shards rebalanced between instances, whatever the
		 * relay is doing; keep it well below the lease duration.
		 */
		private Duration leaseRefreshInterval = Duration.ofSeconds(5);

		/**
		 * Failed sends that waiting cannot fix (record too large, not authorized, invalid topic)
		 * after which an event is parked; failures that pass by waiting never count.
		 */
		private int maxAttempts = 10;

		/**
		 * How long a shard waits after its first failed send; doubled after each further failure.
		 */
		private Duration initialBackoff = Duration.ofSeconds(1);

		/**
		 * Maximum time a shard waits between failed sends.
		 */
		private Duration maxBackoff = Duration.ofMinutes(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getInstanceId() {
			return this.instanceId;
		}

		public void setInstanceId(@Nullable String instanceId) {
			this.instanceId = instanceId;
		}

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

		public Duration getLeaseDuration() {
			return this.leaseDuration;
		}

		public void setLeaseDuration(Duration leaseDuration) {
			this.leaseDuration = leaseDuration;
		}

		public Duration getLeaseRefreshInterval() {
			return this.leaseRefreshInterval;
		}

		public void setLeaseRefreshInterval(Duration leaseRefreshInterval) {
			this.leaseRefreshInterval = leaseRefreshInterval;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

	}

	/**
	 * Database settings.
	 */
	public static class Jdbc {

		/**
		 * Whether to create and upgrade the events tables with Flyway on startup, apart from the
		 * application's own migrations.
		 */
		private boolean initializeSchema = true;

		/**
		 * Bean name of the DataSource that holds the events tables, when the application has
		 * several and none is marked with @EventsDataSource or primary.
		 */
		private @Nullable String dataSource;

		/**
		 * Bean name of the transaction manager of the events DataSource that handler transactions
		 * and event store appends use, when several manage it and none is primary.
		 */
		private @Nullable String transactionManager;

		public boolean isInitializeSchema() {
			return this.initializeSchema;
		}

		public void setInitializeSchema(boolean initializeSchema) {
			this.initializeSchema = initializeSchema;
		}

		public @Nullable String getDataSource() {
			return this.dataSource;
		}

		public void setDataSource(@Nullable String dataSource) {
			this.dataSource = dataSource;
		}

		public @Nullable String getTransactionManager() {
			return this.transactionManager;
		}

		public void setTransactionManager(@Nullable String transactionManager) {
			this.transactionManager = transactionManager;
		}

	}

	/**
	 * The event store.
	 */
	public static class Store {

		/**
		 * The most events a read of a stream fetches from the database at once.
		 */
		private int readPageSize = 500;

		/**
		 * CloudEvent types whose events the store keeps without publishing them.
		 */
		private Set<String> unpublishedTypes = new LinkedHashSet<>();

		/**
		 * Stream categories (a stream's name up to its first '-') whose events the store keeps
		 * without publishing them.
		 */
		private Set<String> unpublishedCategories = new LinkedHashSet<>();

		public Set<String> getUnpublishedTypes() {
			return this.unpublishedTypes;
		}

		public void setUnpublishedTypes(Set<String> unpublishedTypes) {
			this.unpublishedTypes = unpublishedTypes;
		}

		public Set<String> getUnpublishedCategories() {
			return this.unpublishedCategories;
		}

		public void setUnpublishedCategories(Set<String> unpublishedCategories) {
			this.unpublishedCategories = unpublishedCategories;
		}

		public int getReadPageSize() {
			return this.readPageSize;
		}

		public void setReadPageSize(int readPageSize) {
			this.readPageSize = readPageSize;
		}

	}

	/**
	 * Event handler settings.
	 */
	public static class Handlers {

		/**
		 * Default number of consumer threads per handler.
		 */
		private int concurrency = 1;

		/**
		 * Name of the dead-letter topic of a topic; {topic} stands for the topic's name.
		 */
		private String deadLetterTopic = "{topic}.dlt";

		/**
		 * What handlers do with records of CloudEvent types no event class is registered for:
		 * send them to the dead-letter topic, or skip them (for topics shared with types this
		 * application does not care about).
		 */
		private UnknownTypePolicy unknownTypes = UnknownTypePolicy.DEAD_LETTER;

		private final Retry retry = new Retry();

		private final Inbox inbox = new Inbox();

		private final DeadLetters deadLetters = new DeadLetters();

		private final Replay replay = new Replay();

		/**
		 * How often each instance reads which handlers are paused cluster-wide and makes its
		 * containers follow, and which replays are requested; an idle handler consumer looks for
		 * requested replays as often.
		 */
		private Duration pauseCheckInterval = Duration.ofSeconds(1);

		public Duration getPauseCheckInterval() {
			return this.pauseCheckInterval;
		}

		public void setPauseCheckInterval(Duration pauseCheckInterval) {
			this.pauseCheckInterval = pauseCheckInterval;
		}

		public int getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(int concurrency) {
			this.concurrency = concurrency;
		}

		public String getDeadLetterTopic() {
			return this.deadLetterTopic;
		}

		public void setDeadLetterTopic(String deadLetterTopic) {
			this.deadLetterTopic = deadLetterTopic;
		}

		public UnknownTypePolicy getUnknownTypes() {
			return this.unknownTypes;
		}

		public void setUnknownTypes(UnknownTypePolicy unknownTypes) {
			this.unknownTypes = unknownTypes;
		}

		public Retry getRetry() {
			return this.retry;
		}

		public Inbox getInbox() {
			return this.inbox;
		}

		public DeadLetters getDeadLetters() {
			return this.deadLetters;
		}

		public Replay getReplay() {
			return this.replay;
		}

	}

	/**
	 * Replays of handlers, requested through the {@code events} endpoint.
	 */
	public static class Replay {

		/**
		 * How long replay requests and the windows their partitions replayed are kept.
		 */
		private Duration retention = Duration.ofDays(7);

		public Duration getRetention() {
			return this.retention;
		}

		public void setRetention(Duration retention) {
			this.retention = retention;
		}

	}

	/**
	 * Dead letters: records handlers gave up on.
	 */
	public static class DeadLetters {

		/**
		 * Where handlers keep their dead letters, unless an @EventHandler says otherwise: in the
		 * database (in order per key: later records of a key wait behind its dead letters), on the
		 * dead-letter topic, or both. Defaults to the database where handlers have a DataSource,
		 * else the topic.
		 */
		private @Nullable DeadLetterDestination destination;

		/**
		 * How long discarded dead letters are kept before they are deleted.
		 */
		private Duration retention = Duration.ofDays(7);

		/**
		 * How often discarded dead letters older than the retention are deleted.
		 */
		private Duration cleanupInterval = Duration.ofHours(1);

		private final AutoRetry autoRetry = new AutoRetry();

		public AutoRetry getAutoRetry() {
			return this.autoRetry;
		}

		public @Nullable DeadLetterDestination getDestination() {
			return this.destination;
		}

		public void setDestination(@Nullable DeadLetterDestination destination) {
			this.destination = destination;
		}

		public Duration getRetention() {
			return this.retention;
		}

		public void setRetention(Duration retention) {
			this.retention = retention;
		}

		public Duration getCleanupInterval() {
			return this.cleanupInterval;
		}

		public void setCleanupInterval(Duration cleanupInterval) {
			this.cleanupInterval = cleanupInterval;
		}

	}

	/**
	 * Automatic retries of dead letters in the database.
	 */
	public static class AutoRetry {

		/**
		 * Whether dead letters are retried without an operator, each sequence from its head.
		 */
		private boolean enabled;

		/**
		 * How old a dead letter's last failure must be before it is retried; doubled after each
		 * retry that fails.
		 */
		private Duration initialBackoff = Duration.ofMinutes(1);

		/**
		 * The longest wait between retries of a dead letter.
		 */
		private Duration maxBackoff = Duration.ofHours(1);

		/**
		 * How often dead letters are looked at.
		 */
		private Duration interval = Duration.ofSeconds(30);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

	}

	/**
	 * Retries of failed handlers.
	 */
	public static class Retry {

		/**
		 * Delivery attempts, the first included, before an event goes to the dead-letter topic.
		 */
		private int maxAttempts = 3;

		/**
		 * How long to wait before the first retry.
		 */
		private Duration initialInterval = Duration.ofSeconds(1);

		/**
		 * Factor by which the wait grows after each retry.
		 */
		private double multiplier = 2.0;

		/**
		 * Longest wait between retries; also the interval of retries while the database is
		 * unavailable.
		 */
		private Duration maxInterval = Duration.ofSeconds(30);

		private final Conflicts conflicts = new Conflicts();

		public Conflicts getConflicts() {
			return this.conflicts;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialInterval() {
			return this.initialInterval;
		}

		public void setInitialInterval(Duration initialInterval) {
			this.initialInterval = initialInterval;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(Duration maxInterval) {
			this.maxInterval = maxInterval;
		}

	}

	/**
	 * Retries of handlers that conflict with other transactions.
	 */
	public static class Conflicts {

		/**
		 * Delivery attempts, the first included, of an event whose handler keeps conflicting with
		 * other transactions (optimistic lock, lock or statement timeout, deadlock) before it goes
		 * to the dead-letter topic.
		 */
		private int maxAttempts = 10;

		/**
		 * How long to wait before the first retry of a conflict; retries are jittered by half of
		 * it.
		 */
		private Duration initialInterval = Duration.ofMillis(100);

		/**
		 * Longest wait between retries of a conflict.
		 */
		private Duration maxInterval = Duration.ofSeconds(5);

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialInterval() {
			return this.initialInterval;
		}

		public void setInitialInterval(Duration initialInterval) {
			this.initialInterval = initialInterval;
		}

		public Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(Duration maxInterval) {
			this.maxInterval = maxInterval;
		}

	}

	/**
	 * The inbox of handled events.
	 */
	public static class Inbox {

		/**
		 * How long handled event ids are remembered; must outlast any redelivery of an event.
		 */
		private Duration retention = Duration.ofDays(7);

		/**
		 * How often inbox rows older than the retention are deleted.
		 */
		private Duration cleanupInterval = Duration.ofHours(1);

		/**
		 * The most inbox rows one cleanup statement deletes, each batch in a transaction of its
		 * own, so that deleting an hour's rows never holds their locks at once.
		 */
		private int cleanupBatchSize = 5000;

		/**
		 * How often handlers with the inbox commit their consumers' offsets. The inbox skips an
		 * event delivered again, so a crash redelivers at most this long's events, each a skip;
		 * committing after every poll costs a broker round trip between polls. Zero commits after
		 * every poll.
		 */
		private Duration offsetCommitInterval = Duration.ofSeconds(1);

		public Duration getRetention() {
			return this.retention;
		}

		public void setRetention(Duration retention) {
			this.retention = retention;
		}

		public Duration getCleanupInterval() {
			return this.cleanupInterval;
		}

		public void setCleanupInterval(Duration cleanupInterval) {
			this.cleanupInterval = cleanupInterval;
		}

		public int getCleanupBatchSize() {
			return this.cleanupBatchSize;
		}

		public void setCleanupBatchSize(int cleanupBatchSize) {
			this.cleanupBatchSize = cleanupBatchSize;
		}

		public Duration getOffsetCommitInterval() {
			return this.offsetCommitInterval;
		}

		public void setOffsetCommitInterval(Duration offsetCommitInterval) {
			this.offsetCommitInterval = offsetCommitInterval;
		}

	}

	/**
	 * Health indicator settings.
	 */
	public static class Health {

		private final Kafka kafka = new Kafka();

		private final Outbox outbox = new Outbox();

		private final HealthDeadLetters deadLetters = new HealthDeadLetters();

		public Kafka getKafka() {
			return this.kafka;
		}

		public Outbox getOutbox() {
			return this.outbox;
		}

		public HealthDeadLetters getDeadLetters() {
			return this.deadLetters;
		}

		/**
		 * Dead letters in the database, in the health.
		 */
		public static class HealthDeadLetters {

			/**
			 * Whether handlers' dead letters in the database make the health DEGRADED until they are
			 * retried or discarded.
			 */
			private boolean degraded = true;

			/**
			 * How long a count of the dead letters is reused by health checks and gauges.
			 */
			private Duration cacheDuration = Duration.ofSeconds(5);

			public boolean isDegraded() {
				return this.degraded;
			}

			public void setDegraded(boolean degraded) {
				this.degraded = degraded;
			}

			public Duration getCacheDuration() {
				return this.cacheDuration;
			}

			public void setCacheDuration(Duration cacheDuration) {
				this.cacheDuration = cacheDuration;
			}

		}

		/**
		 * Kafka reachability check.
		 */
		public static class Kafka {

			/**
			 * How long to wait for the cluster to describe itself.
			 */
			private Duration timeout = Duration.ofSeconds(2);

			/**
			 * How long an answer of the cluster is reused, so health checks do not hammer it.
			 */
			private Duration cacheDuration = Duration.ofSeconds(10);

			public Duration getTimeout() {
				return this.timeout;
			}

			public void setTimeout(Duration timeout) {
				this.timeout = timeout;
			}

			public Duration getCacheDuration() {
				return this.cacheDuration;
			}

			public void setCacheDuration(Duration cacheDuration) {
				this.cacheDuration = cacheDuration;
			}

		}

		/**
		 * Outbox backlog thresholds.
		 */
		public static class Outbox {

			/**
			 * Age of the oldest pending event from which health is DEGRADED.
			 */
			private Duration warningAge = Duration.ofMinutes(1);

			/**
			 * Age of the oldest pending event from which health is DOWN.
			 */
			private Duration criticalAge = Duration.ofMinutes(5);

			/**
			 * Number of pending events from which health is DEGRADED.
			 */
			private long warningPending = 10_000;

			/**
			 * Number of pending events from which health is DOWN.
			 */
			private long criticalPending = 100_000;

			public Duration getWarningAge() {
				return this.warningAge;
			}

			public void setWarningAge(Duration warningAge) {
				this.warningAge = warningAge;
			}

			public Duration getCriticalAge() {
				return this.criticalAge;
			}

			public void setCriticalAge(Duration criticalAge) {
				this.criticalAge = criticalAge;
			}

			public long getWarningPending() {
				return this.warningPending;
			}

			public void setWarningPending(long warningPending) {
				this.warningPending = warningPending;
			}

			public long getCriticalPending() {
				return this.criticalPending;
			}

			public void setCriticalPending(long criticalPending) {
				this.criticalPending = criticalPending;
			}

		}

	}

	/**
	 * A topic to create on startup.
	 */
	public static class Topic {

		/**
		 * Number of partitions.
		 */
		private int partitions = 6;

		/**
		 * Replication factor. Defaults to the broker's default.
		 */
		private @Nullable Short replicas;

		/**
		 * How long records are kept (retention.ms). Defaults to the broker's default.
		 */
		private @Nullable Duration retention;

		/**
		 * Cleanup policy (cleanup.policy), such as delete or compact. Defaults to the broker's
		 * default.
		 */
		private @Nullable String cleanupPolicy;

		/**
		 * Further topic configuration, by Kafka topic config name.
		 */
		private final Map<String, String> config = new LinkedHashMap<>();

		/**
		 * Whether to create the topic's dead-letter topic too, with the same partitions.
		 */
		private boolean deadLetter;

		public boolean isDeadLetter() {
			return this.deadLetter;
		}

		public void setDeadLetter(boolean deadLetter) {
			this.deadLetter = deadLetter;
		}

		public int getPartitions() {
			return this.partitions;
		}

		public void setPartitions(int partitions) {
			this.partitions = partitions;
		}

		public @Nullable Short getReplicas() {
			return this.replicas;
		}

		public void setReplicas(@Nullable Short replicas) {
			this.replicas = replicas;
		}

		public @Nullable Duration getRetention() {
			return this.retention;
		}

		public void setRetention(@Nullable Duration retention) {
			this.retention = retention;
		}

		public @Nullable String getCleanupPolicy() {
			return this.cleanupPolicy;
		}

		public void setCleanupPolicy(@Nullable String cleanupPolicy) {
			this.cleanupPolicy = cleanupPolicy;
		}

		public Map<String, String> getConfig() {
			return this.config;
		}

	}

}
