package dev.events.benchmarks.workload;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The workload of the benchmarks, for a service to import: it starts once the service has
 * started, publishes through the service's {@link EventSink} and waits on its
 * {@link PendingEvents} before it measures.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WorkloadProperties.class)
public final class WorkloadConfiguration {

	@Bean
	WorkloadDriver workloadDriver(WorkloadProperties workload, TransactionTemplate transactions, JdbcClient jdbc,
			EventSink sink, PendingEvents pending) {
		return new WorkloadDriver(workload, transactions, jdbc, sink, pending);
	}

}
