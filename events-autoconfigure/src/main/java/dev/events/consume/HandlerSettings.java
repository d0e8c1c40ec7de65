package dev.events.consume;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dev.events.cloudevents.CloudEventRecordMapper;
import dev.events.context.TraceResumer;
import dev.events.type.EventTypeRegistry;

/**
 * What every event handler shares: how records are decoded and the defaults of the
 * {@link EventHandler} attributes.
 *
 * @param registry the event types
 * @param mapper reads CloudEvents from records
 * @param jsonMapper binds event data to event classes
 * @param tenantRequired whether events without a tenant are undeliverable
 * @param unknownTypes what to do with records of unregistered types
 * @param applicationName the prefix of default handler ids
 * @param concurrency the default number of consumer threads per handler
 * @param maxAttempts the default delivery attempts before the dead-letter topic
 * @param observationEnabled whether each handler invocation is an {@code events.handle}
 * observation (timer, trace), as the handler containers' listener observation is
 * ({@code spring.kafka.listener.observation-enabled}), or only timed
 * @param observations observes each handler invocation where {@code observationEnabled}
 * @param observationConvention names and tags those observations, or {@code null} for the
 * registry's or the default convention
 * @param traces makes the trace of each event current while its handler runs where no observation
 * does, or {@code null} without tracing
 * @param meterRegistry where duplicates are counted
 * @param deadLetters where dead letters go by default, never {@link DeadLetterDestination#DEFAULT}
 */
public record HandlerSettings(EventTypeRegistry registry, CloudEventRecordMapper mapper, JsonMapper jsonMapper,
		boolean tenantRequired, UnknownTypePolicy unknownTypes, String applicationName, int concurrency, int maxAttempts,
		boolean observationEnabled, ObservationRegistry observations,
		@Nullable EventHandlingObservationConvention observationConvention, @Nullable TraceResumer traces,
		MeterRegistry meterRegistry, DeadLetterDestination deadLetters) {

}
