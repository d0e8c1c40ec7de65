package dev.events.benchmarks.modulith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

import dev.events.benchmarks.workload.WorkloadConfiguration;

/**
 * The benchmarks' peer: the same workload as the service on the starter, each transaction
 * publishing its event through Spring Modulith's event publication registry, which externalizes
 * it to Kafka once the transaction has committed. The benchmarks run it as a JVM of its own on a
 * classpath of its own.
 */
@SpringBootApplication
@Import(WorkloadConfiguration.class)
public class ModulithBenchmarkApplication {

	/**
	 * Start the service; its workload starts with it.
	 * @param args Spring Boot arguments, such as {@code --bench.transactions=100000}
	 */
	public static void main(String[] args) {
		SpringApplication.run(ModulithBenchmarkApplication.class, args);
	}

}
