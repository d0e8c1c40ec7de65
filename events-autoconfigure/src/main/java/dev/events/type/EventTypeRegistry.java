package dev.events.type;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.util.PatternMatchUtils;

/**
 * Maps event classes to their {@link EventTypeDefinition}, and CloudEvent types back to classes.
 * <p>
 * Classes annotated with {@link DomainEvent} in the application's packages are registered at
 * startup ({@link DomainEventScanner}), any other annotated class the first time it is used,
 * and classes without the annotation through {@link #register}. A CloudEvent type names a class only through this
 * registry: {@code events} never loads a class named by a message.
 */
public class EventTypeRegistry {

	private final Map<Class<?>, EventTypeDefinition<?>> byClass = new ConcurrentHashMap<>();

	private final Map<String, EventTypeDefinition<?>> byType = new ConcurrentHashMap<>();

	/**
	 * Register an event class.
	 * @param eventClass the event class
	 * @param type the CloudEvent type
	 * @param topic the Kafka topic
	 * @param keyResolver resolves the partition key of an event
	 * @param <T> the event class
	 * @return this registry
	 * @throws IllegalStateException if the class or the type is registered already
	 */
	public <T> EventTypeRegistry register(Class<T> eventClass, String type, String topic,
			PartitionKeyResolver<? super T> keyResolver) {
		register(new EventTypeDefinition<>(type, topic, eventClass, keyResolver));
		return this;
	}

	/**
	 * Register an event type definition.
	 * @param definition the definition
	 * @throws IllegalStateException if the class or the type is registered already
	 */
	public synchronized void register(EventTypeDefinition<?> definition) {
		List<String> types = Stream.concat(Stream.of(definition.type()), definition.aliases().stream()).toList();
		for (String type : types) {
			EventTypeDefinition<?> sameType = this.byType.get(type);
			if (sameType != null) {
				throw new IllegalStateException("CloudEvent type '%s' of %s is registered already for %s"
					.formatted(type, definition.eventClass().getName(), sameType.eventClass().getName()));
			}
		}
		if (types.size() != new HashSet<>(types).size()) {
			throw new IllegalStateException("%s names a CloudEvent type twice among its type and aliases %s"
				.formatted(definition.eventClass().getName(), types));
		}
		if (this.byClass.containsKey(definition.eventClass())) {
			throw new IllegalStateException(definition.eventClass().getName() + " is registered already");
		}
		types.forEach((type) -> this.byType.put(type, definition));
		this.byClass.put(definition.eventClass(), definition);
	}

	/**
	 * Return every registered event type, ordered by CloudEvent type.
	 * @return the definitions
	 */
	public List<EventTypeDefinition<?>> definitions() {
		return this.byClass.values()
			.stream()
			.sorted(Comparator.comparing(EventTypeDefinition::type))
			.toList();
	}

	/**
	 * Return the registered event types whose CloudEvent type matches a pattern, such as
	 * {@code com.acme.users.*}: {@code *} stands for any characters, dots included.
	 * @param typePattern the pattern
	 * @return the matching definitions, ordered by CloudEvent type
	 */
	public List<EventTypeDefinition<?>> definitionsMatching(String typePattern) {
		return definitions().stream()
			.filter((definition) -> PatternMatchUtils.simpleMatch(typePattern, definition.type()))
			.toList();
	}

	/**
	 * Return the definition for the given event class, registering it first when it is
	 * annotated with {@link DomainEvent}.
	 * @param eventClass the event class
	 * @param <T> the event class
	 * @return the definition
	 * @throws UnknownEventTypeException if the class is neither registered nor annotated
	 */
	@SuppressWarnings("unchecked")
	public <T> EventTypeDefinition<T> definitionFor(Class<T> eventClass) {
		EventTypeDefinition<?> definition = this.byClass.get(eventClass);
		if (definition == null) {
			definition = registerAnnotated(eventClass);
		}
		return (EventTypeDefinition<T>) definition;
	}

	/**
	 * Return the definition registered for the given CloudEvent type, or former type.
	 * @param type the CloudEvent type
	 * @return the definition
	 * @throws UnknownEventTypeException if no class is registered for the type
	 */
	public EventTypeDefinition<?> definitionFor(String type) {
		EventTypeDefinition<?> definition = this.byType.get(type);
		if (definition == null) {
			throw new UnknownEventTypeException("No event class is registered for CloudEvent type '" + type + "'");
		}
		return definition;
	}

	/**
	 * Register a class annotated with {@link DomainEvent}, unless it is registered already.
	 * @param eventClass the event class
	 * @return its definition
	 * @throws UnknownEventTypeException if the class is not annotated
	 * @throws IllegalStateException if another class is registered for its CloudEvent type
	 */
	public synchronized EventTypeDefinition<?> registerAnnotated(Class<?> eventClass) {
		EventTypeDefinition<?> registered = this.byClass.get(eventClass);
		if (registered != null) {
			return registered;
		}
		MergedAnnotation<DomainEvent> annotation = MergedAnnotations.from(eventClass).get(DomainEvent.class);
		if (!annotation.isPresent()) {
			throw new UnknownEventTypeException(("%s is not an event type: annotate it with @DomainEvent or "
					+ "register it through an EventTypeRegistryCustomizer bean")
				.formatted(eventClass.getName()));
		}
		EventTypeDefinition<?> definition = new EventTypeDefinition<>(annotation.getString("type"),
				annotation.getString("topic"), eventClass, KeyResolvers.of(eventClass, annotation.getString("key")),
				List.of(annotation.getStringArray("aliases")));
		register(definition);
		return definition;
	}

}
