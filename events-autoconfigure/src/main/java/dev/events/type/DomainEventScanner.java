package dev.events.type;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Finds the classes annotated with {@link DomainEvent} in packages, the way Boot finds entities,
 * so that every event type of the application is registered before any handler consumes.
 */
public final class DomainEventScanner {

	private final ResourceLoader resourceLoader;

	/**
	 * Create a scanner.
	 * @param resourceLoader finds and loads the classes, usually the application context
	 */
	public DomainEventScanner(ResourceLoader resourceLoader) {
		this.resourceLoader = resourceLoader;
	}

	/**
	 * Return the {@link DomainEvent} classes in the given packages and their sub-packages,
	 * nested classes included.
	 * @param packages the packages to scan
	 * @return the classes found
	 */
	public List<Class<?>> scan(Collection<String> packages) {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
			@Override
			protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
				return definition.getMetadata().isIndependent() && definition.getMetadata().isConcrete();
			}
		};
		scanner.setResourceLoader(this.resourceLoader);
		scanner.addIncludeFilter(new AnnotationTypeFilter(DomainEvent.class));
		List<Class<?>> classes = new ArrayList<>();
		for (String basePackage : packages) {
			for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
				classes.add(ClassUtils.resolveClassName(candidate.getBeanClassName(), this.resourceLoader.getClassLoader()));
			}
		}
		return classes;
	}

}
