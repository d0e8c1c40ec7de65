package dev.events.tracing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.tracing.CurrentTraceContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

import dev.events.context.TraceScope;
import dev.events.publish.TraceparentProvider;

/**
 * Reads the current span from Micrometer Tracing and writes it as a W3C {@code traceparent}
 * ({@code 00-<trace id>-<span id>-<flags>}), and makes a stored one the current trace context
 * again. 64-bit trace ids are padded to 128 bits.
 */
public class MicrometerTraceparentProvider implements TraceparentProvider {

	private static final String ZEROS = "0000000000000000";

	private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

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

	@Override
	public TraceScope resume(@Nullable String traceparent) {
		Tracer tracer = this.tracer.getIfAvailable();
		Matcher parts = (traceparent != null) ? TRACEPARENT.matcher(traceparent) : null;
		if (tracer == null || parts == null || !parts.matches()) {
			return TraceScope.NONE;
		}
		String traceId = parts.group(1).startsWith(ZEROS) ? parts.group(1).substring(ZEROS.length()) : parts.group(1);
		if (isZero(traceId) || isZero(parts.group(2))) {
			return TraceScope.NONE;
		}
		TraceContext stored = tracer.traceContextBuilder()
			.traceId(traceId)
			.spanId(parts.group(2))
			.sampled((Integer.parseInt(parts.group(3), 16) & 1) == 1)
			.build();
		CurrentTraceContext.Scope scope = tracer.currentTraceContext().newScope(stored);
		return scope::close;
	}

	/**
	 * Whether an id is all zeros, which W3C Trace Context declares invalid.
	 */
	private static boolean isZero(String id) {
		return id.chars().allMatch((digit) -> digit == '0');
	}

}
