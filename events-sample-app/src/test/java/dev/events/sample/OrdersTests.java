package dev.events.sample;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.events.sample.orders.Order;
import dev.events.sample.orders.Orders;
import dev.events.test.EmbeddedServices;
import dev.events.test.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Testing your service" example, as it compiles and runs.
 */
@SpringBootTest
class OrdersTests {

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, "orders");
	}

	@Test
	void placingAnOrderPublishesOrderPlaced(@Autowired Orders orders) {
		Order order = orders.place("acme", "c-1", new BigDecimal("42.50"));
		String key = order.id().toString();
		List<ConsumerRecord<String, CloudEvent>> records = TopicReader.readUntil("orders",
				(read) -> read.stream().anyMatch((record) -> key.equals(record.key())), Duration.ofSeconds(30));
		assertThat(records).filteredOn((record) -> key.equals(record.key()))
			.singleElement()
			.satisfies((record) -> {
				assertThat(record.value().getType()).isEqualTo("dev.events.sample.OrderPlaced");
				assertThat(record.value().getExtension("tenantid")).isEqualTo("acme");
			});
	}

}
