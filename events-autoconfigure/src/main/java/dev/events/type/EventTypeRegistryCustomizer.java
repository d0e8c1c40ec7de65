package dev.events.type;

/**
 * Callback to register event types programmatically, for classes that cannot carry
 * {@link DomainEvent}. Every bean of this type is applied to the {@link EventTypeRegistry}
 * at startup, in order.
 */
@FunctionalInterface
public interface EventTypeRegistryCustomizer {

	/**
	 * Customize the given registry.
	 * @param registry the registry to customize
	 */
	void customize(EventTypeRegistry registry);

}
