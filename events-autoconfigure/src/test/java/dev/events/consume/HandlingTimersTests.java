package dev.events.consume;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handler invocations timed without an observation carry the tags the observation's timer has:
 * the default convention's and {@code error}, with {@code unknown} for an invocation that ended
 * in an {@link Error}, as the observation has it.
 */
class HandlingTimersTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final HandlingTimers timers = new HandlingTimers("orders-handler", this.registry);

	@Test
	void successIsTaggedAsTheObservationsTimer() {
		Timer timer = this.timers.timer("dev.events.OrderPlaced", "orders", HandlingTimers.SUCCESS, null);

		assertThat(timer.getId().getName()).isEqualTo(DefaultEventHandlingObservationConvention.NAME);
		assertThat(timer.getId().getTags()).containsExactlyInAnyOrder(Tag.of("error", "none"),
				Tag.of("handler", "orders-handler"), Tag.of("event.type", "dev.events.OrderPlaced"),
				Tag.of("outcome", "success"), Tag.of("messaging.system", "kafka"),
				Tag.of("messaging.operation", "process"), Tag.of("messaging.source.kind", "topic"),
				Tag.of("messaging.source.name", "orders"), Tag.of("messaging.kafka.consumer.group", "orders-handler"));
	}

	@Test
	void failureNamesTheExceptionAndAnErrorLeavesTheOutcomeUnknown() {
		Timer failure = this.timers.timer("dev.events.OrderPlaced", "orders", HandlingTimers.FAILURE,
				new IllegalStateException("declined"));
		Timer error = this.timers.timer("dev.events.OrderPlaced", "orders", HandlingTimers.UNKNOWN, null);

		assertThat(failure.getId().getTag("outcome")).isEqualTo("failure");
		assertThat(failure.getId().getTag("error")).isEqualTo("IllegalStateException");
		assertThat(error.getId().getTag("outcome")).isEqualTo("unknown");
		assertThat(error.getId().getTag("error")).isEqualTo("none");
	}

	@Test
	void timerIsRegisteredOncePerTagSet() {
		Timer first = this.timers.timer("dev.events.OrderPlaced", "orders", HandlingTimers.SUCCESS, null);
		Timer second = this.timers.timer("dev.events.OrderPlaced", "orders", HandlingTimers.SUCCESS, null);

		assertThat(second).isSameAs(first);
		assertThat(this.registry.getMeters()).hasSize(1);
	}

}
