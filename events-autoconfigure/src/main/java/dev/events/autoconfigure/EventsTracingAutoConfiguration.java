package dev.events.autoconfigure;

import io.micrometer.tracing.Tracer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.events.publish.TraceparentProvider;
import dev.events.tracing.MicrometerTraceparentProvider;

/**
 * Stores the current Micrometer trace with every published event, when Micrometer Tracing is
 * on the classpath.
 */
@AutoConfiguration(before = EventsAutoConfiguration.class)
@ConditionalOnClass(Tracer.class)
public final class EventsTracingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TraceparentProvider traceparentProvider(ObjectProvider<Tracer> tracer) {
		return new MicrometerTraceparentProvider(tracer);
	}

}
