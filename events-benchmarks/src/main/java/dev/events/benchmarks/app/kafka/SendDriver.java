package dev.events.benchmarks.app.kafka;

import java.util.List;
import java.util.function.IntConsumer;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import dev.events.autoconfigure.EventsAutoConfiguration;
import dev.events.benchmarks.workload.Micros;
import dev.events.benchmarks.workload.TimingFiles;
import dev.events.benchmarks.workload.Workers;
import dev.events.benchmarks.workload.WorkloadProperties;
import dev.events.publish.EventPublisher;

/**
 * Sends the events of the run as fast as its threads go, each thread the events of its own keys
 * in order: in mode {@code direct} through the {@link EventPublisher} without an outbox, in mode
 * {@code template} as ready-made records (the same bytes the starter sends) through a raw
 * {@link KafkaTemplate} with the same producer. The warm-up's events are flushed before the
 * measured ones start; a plain consumer times their arrival.
 */
@Component
@ConditionalOnExpression("'${bench.mode:}' == 'direct' or '${bench.mode:}' == 'template'")
class SendDriver implements ApplicationRunner {

	private final WorkloadProperties workload;

	private final BenchmarkEvents events;

	private final EventPublisher publisher;

	private final KafkaTemplate<@Nullable String, byte[]> template;

	private final boolean direct;

	SendDriver(WorkloadProperties workload, BenchmarkEvents events, EventPublisher publisher,
			@Qualifier(EventsAutoConfiguration.KAFKA_TEMPLATE_BEAN_NAME) KafkaTemplate<@Nullable String, byte[]> template,
			@Value("${bench.mode}") String mode) {
		this.workload = workload;
		this.events = events;
		this.publisher = publisher;
		this.template = template;
		this.direct = "direct".equals(mode);
	}

	@Override
	public void run(ApplicationArguments args) {
		new Thread(this::runAll, "bench-send").start();
	}

	private void runAll() {
		send(0, this.workload.warmup(), sender(0, this.workload.warmup()));
		IntConsumer measured = sender(this.workload.warmup(), this.workload.transactions());
		TimingFiles.write(this.workload.output().resolve(TimingFiles.MEASURE_START), List.of("start\t" + Micros.now()));
		send(this.workload.warmup(), this.workload.transactions(), measured);
		TimingFiles.write(this.workload.output().resolve(TimingFiles.WORKLOAD_END),
				List.of("end\t" + Micros.now(), "transactions\t" + this.workload.transactions()));
	}

	/**
	 * Return what sends event {@code n}: the publisher, or the template with a record built
	 * beforehand, before the clock starts.
	 */
	private IntConsumer sender(int from, int count) {
		if (this.direct) {
			return (n) -> this.publisher.publish(this.events.event(n));
		}
		List<ProducerRecord<@Nullable String, byte[]>> records = this.events.records(from, count);
		return (n) -> this.template.send(records.get(n - from));
	}

	private void send(int from, int count, IntConsumer sendOne) {
		Workers.run(this.workload.threads(), (thread) -> {
			for (int n = from; n < from + count; n++) {
				if (this.events.ownedBy(thread, n)) {
					sendOne.accept(n);
				}
			}
		});
		this.template.flush();
	}

}
