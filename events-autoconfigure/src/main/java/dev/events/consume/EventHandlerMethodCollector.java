package dev.events.consume;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Finds {@link EventHandler} methods on beans as they are created, the way spring-kafka finds
 * {@code @KafkaListener} methods. {@link EventHandlerEndpointConfigurer} turns them into
 * listener endpoints once every singleton exists.
 */
public class EventHandlerMethodCollector implements BeanPostProcessor {

	private final List<AnnotatedHandler> handlers = new ArrayList<>();

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		Map<Method, EventHandler> methods = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<EventHandler>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, EventHandler.class));
		methods.forEach((method, annotation) -> register(new AnnotatedHandler(bean, targetClass,
				AopUtils.selectInvocableMethod(method, bean.getClass()), method, annotation)));
		return bean;
	}

	private synchronized void register(AnnotatedHandler handler) {
		this.handlers.add(handler);
	}

	synchronized List<AnnotatedHandler> handlers() {
		return List.copyOf(this.handlers);
	}

	/**
	 * An annotated method as found on a bean.
	 *
	 * @param bean the bean
	 * @param beanClass the bean's user class
	 * @param invocableMethod the method to invoke on the bean (on its proxy, if any)
	 * @param declaredMethod the annotated method as declared
	 * @param annotation the annotation
	 */
	record AnnotatedHandler(Object bean, Class<?> beanClass, Method invocableMethod, Method declaredMethod,
			EventHandler annotation) {

	}

}
