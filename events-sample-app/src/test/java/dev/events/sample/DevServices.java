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
	 * Start both services and point the application at them through system properties.
	 */
	static void start() {
		String kafka = EmbeddedServices.startKafka(KAFKA_PORT);
		String jdbcUrl = EmbeddedServices.postgresJdbcUrl("orders");
		System.setProperty("spring.kafka.bootstrap-servers", kafka);
		System.setProperty("spring.datasource.url", jdbcUrl);
		System.setProperty("spring.datasource.username", "postgres");
		System.setProperty("spring.datasource.password", "postgres");
		logger.info("Dev services are up. Kafka: " + kafka + " (try: kcat -b " + kafka + " -L). PostgreSQL: "
				+ jdbcUrl + " (user postgres, password postgres)");
	}

}
