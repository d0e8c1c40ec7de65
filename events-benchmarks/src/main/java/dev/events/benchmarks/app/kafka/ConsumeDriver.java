package dev.events.benchmarks.app.kafka;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

import dev.events.autoconfigure.EventsAutoConfiguration;
import dev.events.benchmarks.workload.Micros;
import dev.events.benchmarks.workload.TimingFiles;
import dev.events.benchmarks.workload.WorkloadProperties;

/**
 * Runs a handling workload: sends the warm-up's events as the starter's records and lets the
 * consumer (mode {@code handler}: an {@code @EventHandler} with the inbox; mode
 * {@code listener}: a raw {@code @KafkaListener}) handle them, pauses it, sends the measured
 * events, and times the consumer from its resumption to the last measured event. Its container
 * must not start on its own ({@code spring.kafka.listener.auto-startup=false}).
 */
@Component
@ConditionalOnExpression("'${bench.mode:}' == 'handler' or '${bench.mode:}' == 'listener'")
class ConsumeDriver implements ApplicationRunner {

	/** The id of either consumer's container, also its consumer group. */
	static final String CONSUMER_ID = "bench-consumer";

	private static final int CHUNK = 10_000;

	private final WorkloadProperties workload;

	private final BenchmarkEvents events;

	private final KafkaTemplate<@Nullable String, byte[]> template;

	private final KafkaListenerEndpointRegistry registry;

	private final ConsumedEvents consumed;

	ConsumeDriver(WorkloadProperties workload, BenchmarkEvents events,
			@Qualifier(EventsAutoConfiguration.KAFKA_TEMPLATE_BEAN_NAME) KafkaTemplate<@Nullable String, byte[]> template,
			KafkaListenerEndpointRegistry registry, ConsumedEvents consumed) {
		this.workload = workload;
		this.events = events;
		this.template = template;
		this.registry = registry;
		this.consumed = consumed;
	}

	@Override
	public void run(ApplicationArguments args) {
		new Thread(this::runAll, "bench-consume").start();
	}

	private void runAll() {
		MessageListenerContainer container = this.registry.getListenerContainer(CONSUMER_ID);
		if (container == null) {
			throw new IllegalStateException("No listener container " + CONSUMER_ID);
		}
		send(0, this.workload.warmup());
		container.start();
		this.consumed.awaitWarmup();
		container.pause();
		send(this.workload.warmup(), this.workload.transactions());
		TimingFiles.write(this.workload.output().resolve(TimingFiles.MEASURE_START), List.of("start\t" + Micros.now()));
		container.resume();
		this.consumed.awaitMeasuredAndWrite();
	}

	private void send(int from, int count) {
		for (int chunk = from; chunk < from + count; chunk += CHUNK) {
			this.events.records(chunk, Math.min(CHUNK, from + count - chunk)).forEach(this.template::send);
		}
		this.template.flush();
	}

}
