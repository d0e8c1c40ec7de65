package dev.events.consume;

/**
 * The rebalance test again, with Kafka 4's consumer group protocol (KIP-848), in which the
 * broker assigns partitions and moves them one by one.
 */
class ConsumerProtocolHandlerRebalanceIntegrationTests extends HandlerRebalanceIntegrationTests {

	@Override
	protected String[] consumerProperties() {
		return new String[] { "spring.kafka.consumer.properties[group.protocol]=consumer" };
	}

}
