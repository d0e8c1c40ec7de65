package dev.events.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

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
		long ticks = ticks(pid, true) + ProcessHandle.of(pid)
			.map((process) -> process.descendants().mapToLong((child) -> ticks(child.pid(), false)).sum())
			.orElse(0L);
		return Duration.ofNanos(ticks * 1_000_000_000L / TICKS_PER_SECOND);
	}

	private static long ticks(long pid, boolean withReapedChildren) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
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
