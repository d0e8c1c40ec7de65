package dev.events.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The CPU time a process and its children used, read from {@code /proc}: its own user and system
 * time, that of its children it waited for, and that of its live descendants (PostgreSQL's
 * backends, for example).
 */
public final class ProcessCpu {

	private static final long TICKS_PER_SECOND = clockTicks();

	private ProcessCpu() {
	}

	/**
	 * Return the CPU time used so far by a process and its descendants.
	 * @param pid the process
	 * @return the CPU time; zero for a process that is gone
	 */
	public static Duration of(long pid) {
		return duration(ticks(pid, true) + ProcessHandle.of(pid)
			.map((process) -> process.descendants().mapToLong((child) -> ticks(child.pid(), false)).sum())
			.orElse(0L));
	}

	/**
	 * Return the CPU time used so far by the threads of a process whose names match: a JVM's JIT
	 * compiler threads ({@code "C1 CompilerThre"} and {@code "C2 CompilerThre"}, as Linux truncates
	 * their names), for example.
	 * @param pid the process
	 * @param name which thread names count
	 * @return the CPU time; zero for a process that is gone
	 */
	public static Duration ofThreads(long pid, Predicate<String> name) {
		Path tasks = Path.of("/proc", Long.toString(pid), "task");
		try (Stream<Path> threads = Files.list(tasks)) {
			return duration(threads.filter((thread) -> name.test(nameOf(thread)))
				.mapToLong((thread) -> ticks(thread.resolve("stat"), false))
				.sum());
		}
		catch (IOException ex) {
			return Duration.ZERO;
		}
	}

	private static Duration duration(long ticks) {
		return Duration.ofNanos(ticks * 1_000_000_000L / TICKS_PER_SECOND);
	}

	private static String nameOf(Path thread) {
		try {
			return Files.readString(thread.resolve("comm")).strip();
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static long ticks(long pid, boolean withReapedChildren) {
		return ticks(Path.of("/proc", Long.toString(pid), "stat"), withReapedChildren);
	}

	private static long ticks(Path statFile, boolean withReapedChildren) {
		try {
			String stat = Files.readString(statFile);
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			return withReapedChildren ? own + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : own;
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private static long clockTicks() {
		try {
			Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
			String value = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
			return (getconf.waitFor() == 0) ? Long.parseLong(value) : 100;
		}
		catch (IOException | NumberFormatException ex) {
			return 100;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 100;
		}
	}

}
