package dev.events.test;

import java.io.IOException;

import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

import dev.events.consume.EventHandler;

/**
 * Finds, for an {@link EventsTest}, the components that declare
 * {@link EventHandler @EventHandler} methods.
 */
final class EventsTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<EventsTest> {

	EventsTypeExcludeFilter(Class<?> testClass) {
		super(testClass);
	}

	@Override
	protected boolean defaultInclude(MetadataReader metadataReader, MetadataReaderFactory metadataReaderFactory)
			throws IOException {
		return super.defaultInclude(metadataReader, metadataReaderFactory)
				|| metadataReader.getAnnotationMetadata().hasAnnotatedMethods(EventHandler.class.getName());
	}

}
