package dev.events.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * Picks loopback ports for the services a harness starts.
 */
public final class FreePort {

	private FreePort() {
	}

	/**
	 * Return a port nothing listens on now.
	 * @return the port
	 */
	public static int next() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
