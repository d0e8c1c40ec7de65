package dev.events.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

import dev.events.publish.TraceparentProvider;

/**
 * Reads the current span from Micrometer Tracing and writes it as a W3C {@code traceparent}
 * ({@code 00-<trace id>-<span id>-<flags>}). 64-bit trace ids are padded to 128 bits.
 */
public class MicrometerTraceparentProvider implements TraceparentProvider {

	private static final String ZEROS = "0000000000000000";

	private final ObjectProvider<Tracer> tracer;

	/**
	 * Create a provider.
	 * @param tracer the tracer, resolved when first needed
	 */
	public MicrometerTraceparentProvider(ObjectProvider<Tracer> tracer) {
		this.tracer = tracer;
	}

	@Override
	public @Nullable String currentTraceparent() {
		Tracer tracer = this.tracer.getIfAvailable();
		Span span = (tracer != null) ? tracer.currentSpan() : null;
		if (span == null) {
			return null;
		}
		TraceContext context = span.context();
		String traceId = (context.traceId().length() == 16) ? ZEROS + context.traceId() : context.traceId();
		String flags = Boolean.TRUE.equals(context.sampled()) ? "01" : "00";
		return "00-" + traceId + "-" + context.spanId() + "-" + flags;
	}

}
