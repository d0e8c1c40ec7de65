package dev.events.sample;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.events.test.EmbeddedServices;

/**
 * The services of a dev run, started in-process: a real Kafka broker on {@code localhost:9092},
 * so {@code kcat} or a second service can use it, and a real PostgreSQL on a free port.
 */
final class DevServices {

	private static final Log logger = LogFactory.getLog(DevServices.class);

	private static final int KAFKA_PORT = 9092;

	private DevServices() {
	}

	/**
	 * Start the services and point the application at them through system properties.
	 * @param kafka whether to start the broker too: not for the in-memory transport
	 */
	static void start(boolean kafka) {
		String jdbcUrl = EmbeddedServices.postgresJdbcUrl("orders");
		System.setProperty("spring.datasource.url", jdbcUrl);
		System.setProperty("spring.datasource.username", "postgres");
		System.setProperty("spring.datasource.password", "postgres");
		String postgres = "PostgreSQL: " + jdbcUrl + " (user postgres, password postgres)";
		if (!kafka) {
			logger.info("Dev services are up, without Kafka (events in memory). " + postgres);
			return;
		}
		String bootstrap = EmbeddedServices.startKafka(KAFKA_PORT);
		System.setProperty("spring.kafka.bootstrap-servers", bootstrap);
		logger.info("Dev services are up. Kafka: " + bootstrap + " (try: kcat -b " + bootstrap + " -L). " + postgres);
	}

}
