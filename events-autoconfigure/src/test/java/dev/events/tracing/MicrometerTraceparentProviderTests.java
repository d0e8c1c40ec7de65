package dev.events.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import dev.events.context.TraceScope;
import dev.events.publish.TraceparentProvider;
import dev.events.support.BraveObservations;

import static org.assertj.core.api.Assertions.assertThat;

class MicrometerTraceparentProviderTests {

	private final SimpleTracer tracer = new SimpleTracer();

	private final MicrometerTraceparentProvider provider = provider(this.tracer);

	@Test
	void currentSpanIsWrittenAsW3cTraceparent() {
		Span span = this.tracer.nextSpan().start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			String traceId = span.context().traceId();
			String expectedTraceId = (traceId.length() == 16) ? "0000000000000000" + traceId : traceId;
			assertThat(this.provider.currentTraceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]")
				.startsWith("00-" + expectedTraceId + "-" + span.context().spanId() + "-");
		}
		finally {
			span.end();
		}
	}

	@Test
	void noTraceparentWithoutCurrentSpan() {
		assertThat(this.provider.currentTraceparent()).isNull();
	}

	@Test
	void noTraceparentWithoutTracer() {
		assertThat(provider(null).currentTraceparent()).isNull();
	}

	@Test
	void resumedTraceparentIsTheCurrentTraceUntilTheScopeCloses() {
		BraveTracer brave = braveTracer();
		MicrometerTraceparentProvider braveProvider = provider(brave);
		String stored = "00-0000000000000000a3ce929d0e0e4736-00f067aa0ba902b7-01";
		try (TraceScope scope = braveProvider.resume(stored)) {
			assertThat(braveProvider.currentTraceparent()).isEqualTo(stored);
			assertThat(brave.currentSpan().context().traceId()).isEqualTo("a3ce929d0e0e4736");
		}
		assertThat(braveProvider.currentTraceparent()).isNull();
	}

	@Test
	void valuesThatAreNotTraceparentsLeaveTheCurrentTraceAlone() {
		MicrometerTraceparentProvider braveProvider = provider(braveTracer());
		assertThat(braveProvider.resume(null)).isSameAs(TraceScope.NONE);
		assertThat(braveProvider.resume("01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
			.isSameAs(TraceScope.NONE);
		assertThat(braveProvider.resume("00-0af7651916cd43dd8448eb211c80319c-b7ad6b71692033-01"))
			.isSameAs(TraceScope.NONE);
		assertThat(braveProvider.resume("00-00000000000000000000000000000000-b7ad6b7169203331-01"))
			.isSameAs(TraceScope.NONE);
		assertThat(braveProvider.resume("00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01"))
			.isSameAs(TraceScope.NONE);
		assertThat(braveProvider.currentTraceparent()).isNull();
	}

	@Test
	void nothingIsResumedWithoutTracer() {
		assertThat(provider(null).resume("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
			.isSameAs(TraceScope.NONE);
	}

	private static BraveTracer braveTracer() {
		return BraveObservations.tracer(BraveObservations.tracing());
	}

	private static MicrometerTraceparentProvider provider(Tracer tracer) {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		if (tracer != null) {
			beanFactory.registerSingleton("tracer", tracer);
		}
		return new MicrometerTraceparentProvider(beanFactory.getBeanProvider(Tracer.class));
	}

}
