package dev.events.aot;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

import dev.events.command.CommandHandler;
import dev.events.query.QueryHandler;

/**
 * Registers, for every bean with {@link CommandHandler} or {@link QueryHandler} methods, the hint
 * those handlers need when the application runs AOT-processed or native: each method may be
 * invoked reflectively.
 */
class MessageHandlerAotProcessor implements BeanRegistrationAotProcessor {

	private static final List<Class<? extends Annotation>> ANNOTATIONS = List.of(CommandHandler.class,
			QueryHandler.class);

	@Override
	public @Nullable BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
		Set<Method> handlers = MethodIntrospector.selectMethods(registeredBean.getBeanClass(),
				(MethodIntrospector.MetadataLookup<Boolean>) (method) -> ANNOTATIONS.stream()
					.anyMatch((annotation) -> AnnotatedElementUtils.hasAnnotation(method, annotation)) ? Boolean.TRUE
							: null)
			.keySet();
		if (handlers.isEmpty()) {
			return null;
		}
		return (generationContext, code) -> handlers.forEach((method) -> generationContext.getRuntimeHints()
			.reflection()
			.registerMethod(method, ExecutableMode.INVOKE));
	}

}
