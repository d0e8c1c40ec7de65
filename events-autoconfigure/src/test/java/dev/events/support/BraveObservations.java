package dev.events.support;

import brave.Tracing;
import brave.handler.SpanHandler;
import brave.propagation.ThreadLocalCurrentTraceContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationHandler.FirstMatchingCompositeObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;

/**
 * Micrometer Observation with the Brave bridge and W3C propagation, wired as Boot wires tracing,
 * for tests that follow traces and timers.
 */
public final class BraveObservations {

	private BraveObservations() {
	}

	/**
	 * Brave with W3C propagation and a thread-local current context.
	 * @param spanHandlers receive the finished spans
	 * @return the tracing, to be closed
	 */
	public static Tracing tracing(SpanHandler... spanHandlers) {
		Tracing.Builder builder = Tracing.newBuilder()
			.currentTraceContext(ThreadLocalCurrentTraceContext.create())
			.propagationFactory(new W3CPropagation());
		for (SpanHandler spanHandler : spanHandlers) {
			builder.addSpanHandler(spanHandler);
		}
		return builder.build();
	}

	/**
	 * Micrometer Tracing's tracer on Brave.
	 * @param tracing Brave
	 * @return the tracer
	 */
	public static BraveTracer tracer(Tracing tracing) {
		return new BraveTracer(tracing.tracer(), new BraveCurrentTraceContext(tracing.currentTraceContext()),
				new BraveBaggageManager());
	}

	/**
	 * An observation registry that times every observation and traces senders, receivers and
	 * the rest, propagating in W3C format.
	 * @param meterRegistry where timers go
	 * @param tracer the tracer
	 * @param tracing Brave, for propagation
	 * @return the registry
	 */
	public static ObservationRegistry registry(MeterRegistry meterRegistry, BraveTracer tracer, Tracing tracing) {
		BravePropagator propagator = new BravePropagator(tracing);
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig()
			.observationHandler(new DefaultMeterObservationHandler(meterRegistry))
			.observationHandler(new FirstMatchingCompositeObservationHandler(
					new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
					new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
					new DefaultTracingObservationHandler(tracer)));
		return registry;
	}

}
