package dev.events.consume;

import java.time.Instant;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

import dev.events.context.EventContext;
import dev.events.inbox.EventKey;
import dev.events.inbox.InboxEntry;
import dev.events.type.EventTypeDefinition;

/**
 * A decoded record: the CloudEvent, the registered type it names and the context it carries.
 *
 * @param record the record it was decoded from
 * @param cloudEvent the CloudEvent
 * @param definition the registered event type
 * @param context the tenant, actor and correlation of the event, with the event itself as the
 * cause of what its handler publishes
 */
record ReceivedEvent(ConsumerRecord<?, ?> record, CloudEvent cloudEvent, EventTypeDefinition<?> definition,
		EventContext context) {

	String id() {
		return this.cloudEvent.getId();
	}

	EventKey key() {
		return new EventKey(this.cloudEvent.getSource().toString(), this.cloudEvent.getId());
	}

	InboxEntry inboxEntry() {
		long timestamp = this.record.timestamp();
		return new InboxEntry(key(), (timestamp >= 0) ? Instant.ofEpochMilli(timestamp) : null);
	}

	@Nullable String extension(String name) {
		return extension(this.cloudEvent, name);
	}

	static @Nullable String extension(CloudEvent cloudEvent, String name) {
		Object value = cloudEvent.getExtension(name);
		return (value != null) ? value.toString() : null;
	}

}
