package dev.events.dispatch;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * The methods annotated as handlers of one kind of message (commands, or queries), found on beans
 * as they are created, the way {@code @EventHandler} methods are: each takes one message and each
 * type of message has exactly one. A method that breaks either rule fails the bean that declares
 * it, so the application does not start.
 */
public class MessageHandlers implements BeanPostProcessor {

	private final Class<? extends Annotation> annotationType;

	private final String messageKind;

	private final boolean answers;

	private final Map<Class<?>, MessageHandler> byMessageType = new ConcurrentHashMap<>();

	private final Map<Class<?>, MessageHandler> resolved = new ConcurrentHashMap<>();

	/**
	 * Create the handlers of one kind of message.
	 * @param annotationType the annotation that marks the methods
	 * @param messageKind what the messages are called in errors, such as {@code command}
	 * @param answers whether each handler must return a value
	 */
	public MessageHandlers(Class<? extends Annotation> annotationType, String messageKind, boolean answers) {
		this.annotationType = annotationType;
		this.messageKind = messageKind;
		this.answers = answers;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		Map<Method, Annotation> methods = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<Annotation>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, this.annotationType));
		methods.keySet()
			.forEach((method) -> register(
					new MessageHandler(bean, AopUtils.selectInvocableMethod(method, bean.getClass()), method)));
		return bean;
	}

	/**
	 * Return the handler of a message: the one that takes its type or, failing that, the only one
	 * that takes a supertype of it.
	 * @param messageType the message's type
	 * @return the handler
	 * @throws NoHandlerException if no handler takes the message
	 */
	public MessageHandler handlerOf(Class<?> messageType) {
		MessageHandler handler = this.resolved.get(messageType);
		return (handler != null) ? handler : this.resolved.computeIfAbsent(messageType, this::resolve);
	}

	/**
	 * Return every handler.
	 * @return the handlers, in no particular order
	 */
	public List<MessageHandler> all() {
		return List.copyOf(this.byMessageType.values());
	}

	private synchronized void register(MessageHandler handler) {
		Method method = handler.declaredMethod();
		if (method.getParameterCount() != 1) {
			throw new IllegalStateException("%s method %s takes %d parameters: it takes one, the %s it handles"
				.formatted(annotationName(), methodName(method), method.getParameterCount(), this.messageKind));
		}
		if (this.answers && (handler.resultType() == void.class || handler.resultType() == Void.class)) {
			throw new IllegalStateException("%s method %s returns nothing: it returns the answer to its %s"
				.formatted(annotationName(), handler, this.messageKind));
		}
		MessageHandler existing = this.byMessageType.putIfAbsent(handler.messageType(), handler);
		if (existing != null) {
			throw new IllegalStateException("%s methods %s and %s both handle %s: a %s has exactly one handler"
				.formatted(annotationName(), existing, handler, handler.messageType().getName(), this.messageKind));
		}
		this.resolved.clear();
	}

	private MessageHandler resolve(Class<?> messageType) {
		MessageHandler exact = this.byMessageType.get(messageType);
		if (exact != null) {
			return exact;
		}
		List<MessageHandler> candidates = this.byMessageType.values()
			.stream()
			.filter((handler) -> handler.messageType().isAssignableFrom(messageType))
			.toList();
		if (candidates.size() == 1) {
			return candidates.get(0);
		}
		if (candidates.isEmpty()) {
			throw new NoHandlerException("No %s method handles the %s %s; handled are: %s".formatted(annotationName(),
					this.messageKind, messageType.getName(), handledTypes()), messageType);
		}
		throw new NoHandlerException(
				"%s methods %s all take the %s %s through a supertype: declare one for %s itself".formatted(
						annotationName(), candidates, this.messageKind, messageType.getName(),
						ClassUtils.getShortName(messageType)),
				messageType);
	}

	private List<String> handledTypes() {
		return this.byMessageType.keySet().stream().map(Class::getName).sorted().toList();
	}

	private String annotationName() {
		return "@" + this.annotationType.getSimpleName();
	}

	private static String methodName(Method method) {
		return ClassUtils.getShortName(method.getDeclaringClass()) + "." + method.getName();
	}

}
