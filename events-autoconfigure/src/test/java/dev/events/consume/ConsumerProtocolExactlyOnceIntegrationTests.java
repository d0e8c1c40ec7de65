package dev.events.consume;

import org.springframework.test.context.TestPropertySource;

/**
 * The exactly-once tests again, with Kafka 4's consumer group protocol (KIP-848) instead of the
 * classic one: redeliveries after a reset or a restart of the consumers behave the same.
 */
@TestPropertySource(properties = "spring.kafka.consumer.properties[group.protocol]=consumer")
class ConsumerProtocolExactlyOnceIntegrationTests extends PostgresqlExactlyOnceHandlingIntegrationTests {

}
