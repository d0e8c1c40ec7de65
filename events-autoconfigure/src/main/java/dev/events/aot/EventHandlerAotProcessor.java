package dev.events.aot;

import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.cloudevents.CloudEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;

import dev.events.consume.EventEnvelope;
import dev.events.consume.EventHandler;

/**
 * Registers, for every bean with {@link EventHandler} methods, the hints those handlers need when
 * the application runs AOT-processed or native: each method may be invoked reflectively, and the
 * events it takes bound from JSON.
 */
class EventHandlerAotProcessor implements BeanRegistrationAotProcessor {

	private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

	@Override
	public @Nullable BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
		Class<?> beanClass = registeredBean.getBeanClass();
		Map<Method, EventHandler> handlers = MethodIntrospector.selectMethods(beanClass,
				(MethodIntrospector.MetadataLookup<EventHandler>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, EventHandler.class));
		if (handlers.isEmpty()) {
			return null;
		}
		return (generationContext, code) -> {
			RuntimeHints hints = generationContext.getRuntimeHints();
			handlers.forEach((method, annotation) -> {
				hints.reflection().registerMethod(method, ExecutableMode.INVOKE);
				this.bindings.registerReflectionHints(hints.reflection(),
						eventTypes(method, annotation).toArray(Class<?>[]::new));
			});
		};
	}

	private static Set<Class<?>> eventTypes(Method method, EventHandler annotation) {
		Set<Class<?>> types = new LinkedHashSet<>(Set.of(annotation.types()));
		if (method.getParameterCount() == 1) {
			ResolvableType parameter = ResolvableType.forMethodParameter(method, 0);
			Class<?> parameterClass = parameter.toClass();
			if (EventEnvelope.class.equals(parameterClass)) {
				types.add(parameter.getGeneric(0).toClass());
			}
			else if (!CloudEvent.class.isAssignableFrom(parameterClass)) {
				types.add(parameterClass);
			}
		}
		types.remove(Object.class);
		return types;
	}

}
