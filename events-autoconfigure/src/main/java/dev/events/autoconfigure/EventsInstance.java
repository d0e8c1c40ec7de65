package dev.events.autoconfigure;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * This application instance among those sharing the events database: the owner of its relay's
 * shard leases and the author of its handlers' reports.
 *
 * @param id the instance id, {@code events.outbox.relay.instance-id} or the host name with a
 * random suffix
 */
public record EventsInstance(String id) {

	static EventsInstance of(@Nullable String configured) {
		return new EventsInstance((configured != null) ? configured : defaultId());
	}

	private static String defaultId() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		try {
			return InetAddress.getLocalHost().getHostName() + "-" + suffix;
		}
		catch (UnknownHostException ex) {
			return "events-" + suffix;
		}
	}

}
