package dev.events.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What the benchmarks ran on, as the reports name it.
 */
public final class Machine {

	private Machine() {
	}

	/**
	 * Describe this machine.
	 * @return its cores, their model and its memory
	 */
	public static String describe() {
		return "%d cores (%s), %s of memory".formatted(Runtime.getRuntime().availableProcessors(),
				procField("/proc/cpuinfo", "model name"), procField("/proc/meminfo", "MemTotal"));
	}

	private static String procField(String file, String name) {
		try (Stream<String> lines = Files.lines(Path.of(file))) {
			return lines.filter((line) -> line.startsWith(name))
				.map((line) -> line.substring(line.indexOf(':') + 1).strip())
				.findFirst()
				.orElse("unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

}
