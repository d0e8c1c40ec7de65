package dev.events.aot;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.DefaultResourceLoader;

import dev.events.type.DomainEventScanner;

/**
 * Finds the {@code @DomainEvent} classes of {@code events.types.packages} at build time, as the
 * application does at startup, and registers the hints to serialize and bind them as JSON.
 */
class DomainEventTypesAotProcessor implements BeanFactoryInitializationAotProcessor {

	private static final String PACKAGES_PROPERTY = "events.types.packages";

	private static final String ENVIRONMENT_BEAN = "environment";

	private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

	@Override
	public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
			ConfigurableListableBeanFactory beanFactory) {
		if (!beanFactory.containsBean(ENVIRONMENT_BEAN)) {
			return null;
		}
		ConfigurableEnvironment environment = beanFactory.getBean(ENVIRONMENT_BEAN, ConfigurableEnvironment.class);
		List<String> packages = Binder.get(environment)
			.bind(PACKAGES_PROPERTY, Bindable.listOf(String.class))
			.orElse(List.of());
		if (packages.isEmpty()) {
			return null;
		}
		DefaultResourceLoader resourceLoader = new DefaultResourceLoader(beanFactory.getBeanClassLoader());
		Class<?>[] eventTypes = new DomainEventScanner(resourceLoader).scan(packages).toArray(Class<?>[]::new);
		return (generationContext, code) -> this.bindings
			.registerReflectionHints(generationContext.getRuntimeHints().reflection(), eventTypes);
	}

}
