package dev.events.cloudevents;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.rw.CloudEventRWException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;

import dev.events.publish.OutboundEvent;

/**
 * Binary-mode CloudEvents Kafka records, both ways, without the SDK's generic machinery on the
 * hot paths: writes an event from its fields (its attributes as {@code ce_} headers, its content
 * type as {@code content-type}, its data as the value), the same record the SDK's writer makes;
 * reads a CloudEvents 1.0 record into the same CloudEvent the SDK's reader makes, its time parsed
 * without a {@link DateTimeFormatter} when it has the usual shape.
 */
final class BinaryRecords {

	/** The prefix of an attribute's header in binary mode. */
	static final String PREFIX = "ce_";

	private static final byte[] SPEC_VERSION = "1.0".getBytes(StandardCharsets.UTF_8);

	private static final int MAX_CACHED_SOURCES = 256;

	private static final Map<String, URI> SOURCES = new ConcurrentHashMap<>();

	private static final String SPEC_VERSION_HEADER = PREFIX + "specversion";

	private static final String ID_HEADER = PREFIX + "id";

	private static final String SOURCE_HEADER = PREFIX + "source";

	private static final String TYPE_HEADER = PREFIX + "type";

	private static final String CONTENT_TYPE_HEADER = "content-type";

	private static final String TIME_HEADER = PREFIX + "time";

	private static final String SUBJECT_HEADER = PREFIX + "subject";

	private static final String PARTITION_KEY_HEADER = PREFIX + CloudEventExtensions.PARTITION_KEY;

	/**
	 * The attribute of each header this class writes, so reading one needs no new strings.
	 */
	private static final Map<String, String> ATTRIBUTES = attributesByHeader();

	private BinaryRecords() {
	}

	static ProducerRecord<@Nullable String, byte[]> toRecord(OutboundEvent event) {
		Headers headers = new RecordHeaders();
		headers.add(SPEC_VERSION_HEADER, SPEC_VERSION);
		add(headers, ID_HEADER, event.id().toString());
		add(headers, SOURCE_HEADER, event.source().toString());
		add(headers, TYPE_HEADER, event.type());
		add(headers, CONTENT_TYPE_HEADER, event.dataContentType());
		headers.add(TIME_HEADER, Timestamps.format(event.time()));
		if (event.key() != null) {
			add(headers, SUBJECT_HEADER, event.key());
			add(headers, PARTITION_KEY_HEADER, event.key());
		}
		for (ContextExtension extension : ContextExtension.ALL) {
			String value = extension.value().apply(event);
			if (value != null) {
				add(headers, extension.header(), value);
			}
		}
		return new ProducerRecord<>(event.topic(), null, null, event.key(), event.data(), headers);
	}

	/**
	 * Read a binary-mode CloudEvents 1.0 record.
	 * @param headers the record's headers
	 * @param value the record's value
	 * @return the CloudEvent, or {@code null} if the record is not in binary mode or of another
	 * spec version, for the SDK to read
	 * @throws RuntimeException if an attribute is missing or invalid
	 */
	static @Nullable CloudEvent read(Headers headers, byte @Nullable [] value) {
		Header specVersion = headers.lastHeader(SPEC_VERSION_HEADER);
		if (specVersion == null || !Arrays.equals(specVersion.value(), SPEC_VERSION)) {
			return null;
		}
		CloudEventBuilder builder = CloudEventBuilder.v1();
		for (Header header : headers) {
			String name = header.key();
			if (header.value() == null) {
				continue;
			}
			if (name.equals(CONTENT_TYPE_HEADER)) {
				builder.withDataContentType(string(header));
			}
			else if (name.length() > PREFIX.length() && name.startsWith(PREFIX)) {
				readAttribute(builder, attributeOf(name), string(header));
			}
		}
		if (value != null) {
			builder.withData(value);
		}
		return builder.build();
	}

	private static String attributeOf(String header) {
		String attribute = ATTRIBUTES.get(header);
		return (attribute != null) ? attribute : header.substring(PREFIX.length()).toLowerCase(Locale.ROOT);
	}

	private static Map<String, String> attributesByHeader() {
		return Stream
			.concat(Stream.of(SPEC_VERSION_HEADER, ID_HEADER, SOURCE_HEADER, TYPE_HEADER, TIME_HEADER, SUBJECT_HEADER,
					PARTITION_KEY_HEADER), ContextExtension.ALL.stream().map(ContextExtension::header))
			.collect(Collectors.toUnmodifiableMap(Function.identity(), (header) -> header.substring(PREFIX.length())));
	}

	private static void readAttribute(CloudEventBuilder builder, String attribute, String value) {
		try {
			setAttribute(builder, attribute, value);
		}
		catch (DateTimeException | IllegalArgumentException ex) {
			throw CloudEventRWException.newInvalidAttributeValue(attribute, value, ex);
		}
	}

	private static void setAttribute(CloudEventBuilder builder, String attribute, String value) {
		switch (attribute) {
			case "specversion" -> {
			}
			case "id" -> builder.withId(value);
			case "source" -> builder.withSource(source(value));
			case "type" -> builder.withType(value);
			case "time" -> builder.withTime(Timestamps.parse(value));
			case "subject" -> builder.withSubject(value);
			case "dataschema" -> builder.withDataSchema(URI.create(value));
			case "datacontenttype" -> builder.withDataContentType(value);
			default -> builder.withExtension(attribute, value);
		}
	}

	/**
	 * Return a source as a URI, parsed once per distinct source: an application reads events of
	 * a few sources, each many times.
	 */
	private static URI source(String value) {
		URI source = SOURCES.get(value);
		if (source == null) {
			source = URI.create(value);
			if (SOURCES.size() < MAX_CACHED_SOURCES) {
				SOURCES.put(value, source);
			}
		}
		return source;
	}

	private static String string(Header header) {
		return new String(header.value(), StandardCharsets.UTF_8);
	}

	private static void add(Headers headers, String name, String value) {
		headers.add(name, bytes(value));
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
