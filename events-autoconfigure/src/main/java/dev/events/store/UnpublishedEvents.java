package dev.events.store;

import java.util.Set;

/**
 * The events the store keeps without publishing: those of some CloudEvent types, and those of
 * some stream categories, a stream's category being its name up to its first {@code -}
 * ({@code account} for {@code account-42}).
 *
 * @param types the CloudEvent types not published
 * @param categories the stream categories whose events are not published
 */
public record UnpublishedEvents(Set<String> types, Set<String> categories) {

	/** Every event is published. */
	public static final UnpublishedEvents NONE = new UnpublishedEvents(Set.of(), Set.of());

	public UnpublishedEvents {
		types = Set.copyOf(types);
		categories = Set.copyOf(categories);
	}

	/**
	 * Return whether an event is kept without being published.
	 * @param stream the stream it is appended to
	 * @param type its CloudEvent type
	 * @return whether it is not published
	 */
	public boolean excludes(String stream, String type) {
		return this.types.contains(type) || this.categories.contains(category(stream));
	}

	private static String category(String stream) {
		int dash = stream.indexOf('-');
		return (dash < 0) ? stream : stream.substring(0, dash);
	}

}
