package dev.events.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;

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

	private static MicrometerTraceparentProvider provider(Tracer tracer) {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		if (tracer != null) {
			beanFactory.registerSingleton("tracer", tracer);
		}
		return new MicrometerTraceparentProvider(beanFactory.getBeanProvider(Tracer.class));
	}

}
