package dev.events.consume;

import java.util.List;

/**
 * What an {@link EventHandler} method is: for operators' views.
 *
 * @param id the handler id, also its consumer group and listener container id
 * @param topics the topics it subscribes to
 * @param types the CloudEvent types it handles
 * @param deadLetters where its dead letters go
 * @param sequenced whether its dead letters in the database hold their keys
 */
public record HandlerDescription(String id, List<String> topics, List<String> types,
		DeadLetterDestination deadLetters, boolean sequenced) {

}
