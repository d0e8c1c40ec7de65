package dev.events.deadletter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes a record's headers as bytes and reads them back, names and values exactly as received,
 * in order, repeated names included: per header its name's UTF-8 bytes and its value, each
 * preceded by its length ({@code -1} for a value that is {@code null}).
 */
final class HeadersCodec {

	private HeadersCodec() {
	}

	static byte[] write(Headers headers) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			for (Header header : headers) {
				out.writeUTF(header.key());
				byte[] value = header.value();
				out.writeInt((value != null) ? value.length : -1);
				if (value != null) {
					out.write(value);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	static Headers read(byte[] bytes) {
		RecordHeaders headers = new RecordHeaders();
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
			while (in.available() > 0) {
				String name = in.readUTF();
				int length = in.readInt();
				headers.add(name, (length >= 0) ? in.readNBytes(length) : null);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Dead-letter headers are not in the form they are written in", ex);
		}
		return headers;
	}

}
