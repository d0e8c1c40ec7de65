package dev.events.chaos.app;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Ends this process with {@code SIGKILL}, at a moment of its own choosing: no shutdown hook, no
 * flush, no offset commit, exactly as {@code kill -9} from outside, but at a point the scenario
 * must hit.
 */
final class SelfKill {

	private SelfKill() {
	}

	static void now() {
		try {
			new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).start().waitFor();
			Thread.sleep(Long.MAX_VALUE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
