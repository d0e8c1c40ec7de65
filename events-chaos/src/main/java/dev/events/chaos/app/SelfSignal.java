package dev.events.chaos.app;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Signals this process at a moment of its own choosing: {@code SIGKILL} ends it with no
 * shutdown hook, flush or offset commit, {@code SIGSTOP} freezes every thread until someone
 * sends {@code SIGCONT}; exactly as from outside, but at a point the scenario must hit.
 */
final class SelfSignal {

	private SelfSignal() {
	}

	static void kill() {
		send("KILL");
		try {
			Thread.sleep(Long.MAX_VALUE);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static void stop() {
		send("STOP");
	}

	private static void send(String signal) {
		try {
			new ProcessBuilder("kill", "-" + signal, Long.toString(ProcessHandle.current().pid())).start().waitFor();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
