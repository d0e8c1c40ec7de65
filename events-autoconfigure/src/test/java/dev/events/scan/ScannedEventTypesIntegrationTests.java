package dev.events.scan;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.events.consume.EventHandler;
import dev.events.consume.HandlerErrorHandlerFactory;
import dev.events.support.RawRecords;
import dev.events.test.EmbeddedServices;
import dev.events.type.DomainEvent;
import dev.events.type.EventTypeRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every {@link DomainEvent} class in the application's packages is registered at startup,
 * before any handler consumes. A handler on a topic shared by several types therefore skips a
 * type the application knows but has not published itself, instead of dead-lettering it as
 * unknown.
 */
@SpringBootTest(classes = ScannedEventTypesIntegrationTests.ScanApplication.class,
		properties = { "events.topics.parcel-moves.partitions=1", "events.topics.parcel-moves.dead-letter=true" })
@DirtiesContext
class ScannedEventTypesIntegrationTests {

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, "scanned_types");
	}

	@Autowired
	EventTypeRegistry registry;

	@Autowired
	ScanApplication application;

	@Autowired
	HandlerErrorHandlerFactory deadLetters;

	@Test
	void typesOfTheApplicationPackagesAreKnownBeforeAnyIsPublished() {
		assertThat(this.registry.definitionFor("dev.events.test.ParcelReturned").eventClass())
			.isEqualTo(ParcelReturned.class);
	}

	@Test
	void recordOfAKnownTypeTheHandlerDoesNotTakeIsSkippedNotDeadLettered() {
		RawRecords.send(RawRecords.cloudEvent("parcel-moves", "p-1", "dev.events.test.ParcelReturned",
				"{\"parcelId\":\"p-1\"}"));
		RawRecords.send(RawRecords.cloudEvent("parcel-moves", "p-2", "dev.events.test.ParcelShipped",
				"{\"parcelId\":\"p-2\"}"));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.application.shipped.contains("p-2"));
		assertThat(this.application.shipped).containsExactly("p-2");
		assertThat(this.deadLetters.deadLetteredCount()).isZero();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ScanApplication {

		final List<String> shipped = new CopyOnWriteArrayList<>();

		@Bean
		ShippingLog shippingLog() {
			return new ShippingLog(this.shipped);
		}

	}

	static class ShippingLog {

		private final List<String> shipped;

		ShippingLog(List<String> shipped) {
			this.shipped = shipped;
		}

		@EventHandler(id = "shipping-log")
		void log(ParcelShipped parcel) {
			this.shipped.add(parcel.parcelId());
		}

	}

	@DomainEvent(type = "dev.events.test.ParcelShipped", topic = "parcel-moves", key = "parcelId")
	record ParcelShipped(String parcelId) {
	}

	@DomainEvent(type = "dev.events.test.ParcelReturned", topic = "parcel-moves", key = "parcelId")
	record ParcelReturned(String parcelId) {
	}

}
