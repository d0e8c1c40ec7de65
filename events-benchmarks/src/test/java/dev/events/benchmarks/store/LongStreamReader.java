package dev.events.benchmarks.store;

import java.util.Iterator;
import java.util.stream.Stream;

import org.springframework.context.ConfigurableApplicationContext;

import dev.events.store.EventStore;
import dev.events.store.StoredEvent;

/**
 * Reads {@link LongStreamReads#STREAM} with the starter in a JVM of its own: streamed, checking
 * every event's version and data in turn, or collected whole into a list, as a read that does not
 * stream would hold it.
 * <p>
 * Arguments: the JDBC URL, the Kafka bootstrap servers, the events the stream holds, and
 * {@value #STREAMED} or {@value #WHOLE}. Exits 0 when it read every event in order, 1 otherwise.
 */
public final class LongStreamReader {

	static final String STREAMED = "streamed";

	static final String WHOLE = "whole";

	private LongStreamReader() {
	}

	/**
	 * Read the stream and exit.
	 * @param args the JDBC URL, the bootstrap servers, the events expected, and the mode
	 */
	public static void main(String[] args) {
		long expected = Long.parseLong(args[2]);
		long read;
		try (ConfigurableApplicationContext application = StoreBenchmarkApplication.start(args[0], args[1]);
				Stream<StoredEvent> events = application.getBean(EventStore.class).read(LongStreamReads.STREAM)) {
			read = WHOLE.equals(args[3]) ? events.toList().size() : readInOrder(events.iterator());
		}
		System.out.printf("Read %,d of %,d events, %s%n", read, expected, args[3]);
		System.exit((read == expected) ? 0 : 1);
	}

	/**
	 * Read events until one is not the next version with the data appended at it.
	 */
	private static long readInOrder(Iterator<StoredEvent> events) {
		long read = 0;
		while (events.hasNext()) {
			StoredEvent event = events.next();
			if (event.version() != read + 1 || !(event.event() instanceof Tallied tallied)
					|| tallied.amount() != event.version() || !tallied.note().equals(LongStreamReads.PAYLOAD)) {
				return read;
			}
			read++;
		}
		return read;
	}

}
