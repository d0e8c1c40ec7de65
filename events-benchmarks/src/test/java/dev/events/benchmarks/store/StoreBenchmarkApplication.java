package dev.events.benchmarks.store;

import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.events.benchmarks.store.Tally.TallyState;
import dev.events.store.AggregateRepositories;
import dev.events.store.AggregateRepository;

/**
 * The starter as the store benchmarks run it, on its defaults: the event store and the outbox
 * relay to Kafka, in the benchmark's JVM.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class StoreBenchmarkApplication {

	static final String TOPIC = "store-bench";

	static final int SNAPSHOT_EVERY = 100;

	/**
	 * The category of streams the store keeps without publishing, such as {@code archive-1}: the
	 * long stream's and those of the appends measured without publishing.
	 */
	static final String ARCHIVE = "archive";

	/** The category of the tallies' streams, kept without publishing so that loads run alone. */
	static final String TALLIES = "tally";

	/**
	 * The category of the streams that fill the store up to the events read by position, kept
	 * without publishing so that reads run alone.
	 */
	static final String BULK = "bulk";

	@Bean
	TallyRepositories tallies(AggregateRepositories repositories) {
		AggregateRepository<Tally> plain = repositories.of(Tally::new, TALLIES + "-");
		return new TallyRepositories(plain,
				plain.withSnapshots(SNAPSHOT_EVERY, TallyState.class, Tally::state, Tally::restore));
	}

	/**
	 * Start the application.
	 * @param jdbcUrl its database
	 * @param bootstrapServers the broker
	 * @return the running application
	 */
	static ConfigurableApplicationContext start(String jdbcUrl, String bootstrapServers) {
		return new SpringApplicationBuilder(StoreBenchmarkApplication.class).web(WebApplicationType.NONE)
			.properties(Map.of("spring.application.name", "store-benchmarks", "spring.main.keep-alive", "false",
					"spring.datasource.url", jdbcUrl, "spring.datasource.username", "postgres",
					"spring.datasource.password", "postgres", "spring.kafka.bootstrap-servers", bootstrapServers,
					"events.topics." + TOPIC + ".partitions", "6", "events.store.unpublished-categories",
					String.join(",", ARCHIVE, TALLIES, BULK)))
			.run();
	}

	/**
	 * The tallies' repositories, one without and one with snapshots.
	 *
	 * @param plain loads from all events
	 * @param snapshotted keeps a snapshot every {@value #SNAPSHOT_EVERY} events
	 */
	record TallyRepositories(AggregateRepository<Tally> plain, AggregateRepository<Tally> snapshotted) {

	}

}
