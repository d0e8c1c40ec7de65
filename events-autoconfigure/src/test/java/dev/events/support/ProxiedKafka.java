package dev.events.support;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import dev.events.test.EmbeddedServices;

/**
 * A broker of its own that clients reach only through a {@link TcpProxy}, so a test can cut
 * the network to it and restore it while the broker keeps its data.
 */
public final class ProxiedKafka implements AutoCloseable {

	private final EmbeddedKafkaKraftBroker broker;

	private final TcpProxy proxy;

	private final int port;

	private ProxiedKafka(EmbeddedKafkaKraftBroker broker, TcpProxy proxy, int port) {
		this.broker = broker;
		this.proxy = proxy;
		this.port = port;
	}

	/**
	 * Start a broker and the proxy in front of it.
	 * @return the running broker
	 */
	public static ProxiedKafka start() {
		int brokerPort = TcpProxy.freePort();
		int proxyPort = TcpProxy.freePort();
		EmbeddedKafkaKraftBroker broker = EmbeddedServices.newKafka(brokerPort);
		broker.brokerProperty("advertised.listeners", "FIXED://localhost:" + proxyPort);
		broker.afterPropertiesSet();
		return new ProxiedKafka(broker, TcpProxy.start(proxyPort, brokerPort), proxyPort);
	}

	/**
	 * Return the address clients use: the proxy's.
	 * @return the bootstrap servers
	 */
	public String bootstrapServers() {
		return "localhost:" + this.port;
	}

	/**
	 * Create a topic.
	 * @param name the topic
	 * @param partitions its partitions
	 */
	public void createTopic(String name, int partitions) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Cut the network to the broker.
	 */
	public void cut() {
		this.proxy.cut();
	}

	/**
	 * Restore the network to the broker.
	 */
	public void restore() {
		this.proxy.restore();
	}

	@Override
	public void close() {
		this.proxy.close();
		this.broker.destroy();
	}

}
