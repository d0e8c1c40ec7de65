package dev.events.consume;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.cloudevents.CloudEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

import dev.events.consume.EventHandlerMethod.HandlerRetry;
import dev.events.consume.EventHandlerMethod.ParameterKind;
import dev.events.consume.EventHandlerMethodCollector.AnnotatedHandler;
import dev.events.type.EventTypeDefinition;
import dev.events.type.EventTypeRegistry;
import dev.events.type.UnknownEventTypeException;

/**
 * Resolves an annotated method into an {@link EventHandlerMethod}: its id, parameter kind,
 * handled event classes and topics, with the defaults filled in. Fails at startup, naming the
 * method, when the declaration does not make sense.
 */
final class EventHandlerMethodResolver {

	private final EventTypeRegistry registry;

	private final String applicationName;

	private final int defaultConcurrency;

	private final int defaultMaxAttempts;

	private final DeadLetterDestination defaultDeadLetters;

	private final boolean databaseDeadLetters;

	EventHandlerMethodResolver(EventTypeRegistry registry, String applicationName, int defaultConcurrency,
			int defaultMaxAttempts, DeadLetterDestination defaultDeadLetters, boolean databaseDeadLetters) {
		this.registry = registry;
		this.applicationName = applicationName;
		this.defaultConcurrency = defaultConcurrency;
		this.defaultMaxAttempts = defaultMaxAttempts;
		this.defaultDeadLetters = defaultDeadLetters;
		this.databaseDeadLetters = databaseDeadLetters;
	}

	EventHandlerMethod resolve(AnnotatedHandler found) {
		Method method = found.declaredMethod();
		EventHandler annotation = found.annotation();
		if (method.getParameterCount() != 1) {
			throw invalid(method, "must take exactly one parameter: the event, an EventEnvelope or a CloudEvent");
		}
		ResolvableType parameter = ResolvableType.forMethodParameter(method, 0);
		ParameterKind kind = kindOf(parameter.toClass());
		Class<?> payloadType = switch (kind) {
			case PAYLOAD -> parameter.toClass();
			case ENVELOPE -> parameter.getGeneric(0).toClass();
			case CLOUD_EVENT -> Object.class;
		};
		Set<Class<?>> eventClasses = eventClasses(method, annotation, kind, payloadType);
		Set<String> topics = eventClasses.stream()
			.map((eventClass) -> topicOf(method, eventClass))
			.collect(Collectors.toCollection(LinkedHashSet::new));
		String id = StringUtils.hasText(annotation.id()) ? annotation.id()
				: this.applicationName + "." + ClassUtils.getShortName(found.beanClass()) + "." + method.getName();
		int concurrency = (annotation.concurrency() > 0) ? annotation.concurrency() : this.defaultConcurrency;
		int maxAttempts = (annotation.maxAttempts() > 0) ? annotation.maxAttempts() : this.defaultMaxAttempts;
		return new EventHandlerMethod(id, found.bean(), found.invocableMethod(), kind, eventClasses, topics,
				concurrency, new HandlerRetry(maxAttempts, List.of(annotation.nonRetryable())),
				deadLetters(method, annotation), annotation.sequenced());
	}

	private DeadLetterDestination deadLetters(Method method, EventHandler annotation) {
		DeadLetterDestination destination = (annotation.deadLetters() != DeadLetterDestination.DEFAULT)
				? annotation.deadLetters() : this.defaultDeadLetters;
		if (destination.toDatabase() && !this.databaseDeadLetters) {
			throw invalid(method, "keeps its dead letters in the database (%s), but there is none: give handlers a "
				.formatted(destination) + "DataSource, or send dead letters to the topic with deadLetters = TOPIC");
		}
		return destination;
	}

	private String topicOf(Method method, Class<?> eventClass) {
		try {
			return this.registry.definitionFor(eventClass).topic();
		}
		catch (UnknownEventTypeException ex) {
			throw invalid(method, "handles %s, which is not an event type: annotate it with @DomainEvent or register "
				.formatted(eventClass.getName()) + "it through an EventTypeRegistryCustomizer bean", ex);
		}
	}

	private static ParameterKind kindOf(Class<?> parameterType) {
		if (EventEnvelope.class.equals(parameterType)) {
			return ParameterKind.ENVELOPE;
		}
		if (CloudEvent.class.equals(parameterType)) {
			return ParameterKind.CLOUD_EVENT;
		}
		return ParameterKind.PAYLOAD;
	}

	private Set<Class<?>> eventClasses(Method method, EventHandler annotation, ParameterKind kind,
			Class<?> payloadType) {
		Set<Class<?>> classes = new LinkedHashSet<>();
		for (Class<?> type : annotation.types()) {
			classes.add(takenBy(method, payloadType, type, "declares type"));
		}
		if (StringUtils.hasText(annotation.typePattern())) {
			classes.addAll(matching(method, annotation.typePattern(), payloadType));
		}
		else if (classes.isEmpty()) {
			if (kind == ParameterKind.CLOUD_EVENT || Object.class.equals(payloadType)) {
				throw invalid(method, "must name the event classes it handles in @EventHandler(types = ...) "
						+ "or their CloudEvent types in @EventHandler(typePattern = ...)");
			}
			collectConcrete(payloadType, classes);
		}
		return classes;
	}

	private List<Class<?>> matching(Method method, String typePattern, Class<?> payloadType) {
		List<Class<?>> matching = this.registry.definitionsMatching(typePattern)
			.stream()
			.<Class<?>>map(EventTypeDefinition::eventClass)
			.toList();
		if (matching.isEmpty()) {
			throw invalid(method, "has the type pattern '%s', which matches no registered event type (%s); "
				.formatted(typePattern, this.registry.definitions().stream().map(EventTypeDefinition::type).toList())
					+ "events.types.packages names the packages whose @DomainEvent classes are registered");
		}
		return matching.stream()
			.<Class<?>>map((type) -> takenBy(method, payloadType, type,
					"has the type pattern '" + typePattern + "', which matches"))
			.toList();
	}

	private static Class<?> takenBy(Method method, Class<?> payloadType, Class<?> type, String how) {
		if (!payloadType.isAssignableFrom(type)) {
			throw invalid(method, "%s %s, which its parameter (%s) cannot take".formatted(how, type.getName(),
					payloadType.getName()));
		}
		return type;
	}

	private static void collectConcrete(Class<?> type, Set<Class<?>> classes) {
		if (type.isSealed()) {
			Arrays.stream(type.getPermittedSubclasses()).forEach((subclass) -> collectConcrete(subclass, classes));
		}
		else {
			classes.add(type);
		}
	}

	private static IllegalStateException invalid(Method method, String problem) {
		return invalid(method, problem, null);
	}

	private static IllegalStateException invalid(Method method, String problem, @Nullable Throwable cause) {
		return new IllegalStateException("@EventHandler method %s.%s %s"
			.formatted(method.getDeclaringClass().getName(), method.getName(), problem), cause);
	}

}
