package dev.events.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings that cannot work fail at startup, naming the property and why, through Boot's own
 * binding validation, with no Bean Validation on the classpath (hidden from these contexts: the
 * module's tests of command validation bring a provider).
 */
class EventsPropertiesValidationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withClassLoader(new FilteredClassLoader("jakarta.validation", "org.hibernate.validator"))
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, EventsAutoConfiguration.class))
		.withPropertyValues("spring.kafka.bootstrap-servers=localhost:1");

	@Test
	void noBeanValidationProviderIsNeeded() {
		this.runner.run((context) -> {
			assertThat(ClassUtils.isPresent("org.hibernate.validator.HibernateValidator", context.getClassLoader()))
				.isFalse();
			assertThat(ClassUtils.isPresent("jakarta.validation.Validator", context.getClassLoader())).isFalse();
		});
	}

	@Test
	void defaultsAreValid() {
		this.runner.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void batchSizeMustBePositive() {
		assertRejected("events.outbox.relay.batch-size=0", "outbox.relay.batchSize", "at least 1");
	}

	@Test
	void leasesMustBeRenewedWellWithinTheirDuration() {
		assertRejected("events.outbox.relay.lease-refresh-interval=30s", "outbox.relay.leaseRefreshInterval",
				"shorter than events.outbox.relay.lease-duration");
	}

	@Test
	void backoffMustStartBelowItsMaximum() {
		assertRejected("events.outbox.relay.initial-backoff=2m", "outbox.relay.initialBackoff",
				"at most events.outbox.relay.max-backoff");
	}

	@Test
	void shardsMustBePositive() {
		assertRejected("events.outbox.shards=0", "outbox.shards", "at least 1");
	}

	@Test
	void handlerRetriesMustBeConsistent() {
		assertRejected("events.handlers.retry.max-attempts=0", "handlers.retry.maxAttempts", "at least 1");
		assertRejected("events.handlers.retry.initial-interval=1m", "handlers.retry.initialInterval",
				"at most events.handlers.retry.max-interval");
		assertRejected("events.handlers.retry.conflicts.max-attempts=0", "handlers.retry.conflicts.maxAttempts",
				"at least 1");
	}

	@Test
	void offsetCommitIntervalMustNotBeNegative() {
		assertRejected("events.handlers.inbox.offset-commit-interval=-1s", "handlers.inbox.offsetCommitInterval",
				"must not be negative");
	}

	@Test
	void healthThresholdsMustBeOrdered() {
		assertRejected("events.health.outbox.warning-age=10m", "health.outbox.warningAge",
				"at most events.health.outbox.critical-age");
	}

	private void assertRejected(String property, String field, String reason) {
		this.runner.withPropertyValues(property)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining(field)
				.hasMessageContaining(reason));
	}

}
