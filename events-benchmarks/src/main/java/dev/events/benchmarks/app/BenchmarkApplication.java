package dev.events.benchmarks.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import dev.events.benchmarks.workload.WorkloadProperties;

/**
 * The service the benchmarks measure: each transaction inserts one business row and, unless the
 * workload is the bare transaction, publishes one event through the starter with its defaults;
 * or, by {@code bench.mode}, one of the workloads on Kafka alone beside their raw baselines
 * (publishing without an outbox, handling).
 * The benchmarks run it as a JVM of its own beside a Kafka broker and PostgreSQL in processes of
 * their own.
 */
@SpringBootApplication
@EnableConfigurationProperties(WorkloadProperties.class)
public class BenchmarkApplication {

	/**
	 * Start the service; its workload starts with it.
	 * @param args Spring Boot arguments, such as {@code --bench.transactions=100000}
	 */
	public static void main(String[] args) {
		SpringApplication.run(BenchmarkApplication.class, args);
	}

}
