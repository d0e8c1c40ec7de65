package dev.events.benchmarks.workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The files a run's processes exchange timings through: one {@code key<TAB>value} per line,
 * written to a temporary file first and then moved, so that a reader never sees half a file.
 */
public final class TimingFiles {

	/** When the measured transactions started: one line, {@code start<TAB>micros}. */
	public static final String MEASURE_START = "measure-start.tsv";

	/** When the last measured transaction committed, and how many did. */
	public static final String WORKLOAD_END = "workload-end.tsv";

	/** The commit time of each measured event, by event id. */
	public static final String COMMITS = "commits.tsv";

	/** When the handler started on each measured event, by event id. */
	public static final String HANDLED = "handled.tsv";

	/**
	 * How often the handler was invoked again on an event it had handled, and how many events it
	 * received after a later one of their key, warm-up included.
	 */
	public static final String HANDLED_AGAIN = "handled-again.tsv";

	/** When the handler had started on every event of the run, warm-up included. */
	public static final String HANDLED_ALL = "handled-all.tsv";

	private TimingFiles() {
	}

	/**
	 * Write a file of the given lines.
	 * @param file the file
	 * @param lines its lines, {@code key<TAB>value}
	 */
	public static void write(Path file, List<String> lines) {
		try {
			Files.createDirectories(file.getParent());
			Path partial = file.resolveSibling(file.getFileName() + ".partial");
			Files.write(partial, lines);
			Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Read a file written by {@link #write}.
	 * @param file the file
	 * @return its values by key
	 */
	public static Map<String, Long> read(Path file) {
		try (Stream<String> lines = Files.lines(file)) {
			return lines.map((line) -> line.split("\t"))
				.collect(Collectors.toMap((parts) -> parts[0], (parts) -> Long.parseLong(parts[1])));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
