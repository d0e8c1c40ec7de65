package dev.events.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * A Java program run as a separate OS process, with its output appended to a log file, that
 * can be killed with {@code SIGKILL}, frozen with {@code SIGSTOP} and thawed with
 * {@code SIGCONT}: the faults a real host deals its processes.
 */
public final class ChildProcess {

	private static final Set<Process> started = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> started.forEach(Process::destroyForcibly), "harness-child-reaper"));
	}

	private final String name;

	private final List<String> command;

	private final Path log;

	private @Nullable Process process;

	private ChildProcess(String name, List<String> command, Path log) {
		this.name = name;
		this.command = command;
		this.log = log;
	}

	/**
	 * Describe a JVM on this test's classpath; nothing starts until {@link #start()}.
	 * @param name what the logs and failures call it
	 * @param heap the maximum heap, such as {@code 512m}
	 * @param jvmOptions more JVM options
	 * @param mainClass the main class
	 * @param args its arguments
	 * @param log the file its output is appended to
	 * @return the process, not started
	 */
	public static ChildProcess java(String name, String heap, List<String> jvmOptions, String mainClass,
			List<String> args, Path log) {
		return java(name, heap, jvmOptions, System.getProperty("java.class.path"), mainClass, args, log);
	}

	/**
	 * Describe a JVM on a classpath of its own, such as an application whose dependencies must not
	 * meet this test's; nothing starts until {@link #start()}.
	 * @param name what the logs and failures call it
	 * @param heap the maximum heap, such as {@code 512m}
	 * @param jvmOptions more JVM options
	 * @param classpath its classpath, entries separated by the platform's path separator
	 * @param mainClass the main class
	 * @param args its arguments
	 * @param log the file its output is appended to
	 * @return the process, not started
	 */
	public static ChildProcess java(String name, String heap, List<String> jvmOptions, String classpath,
			String mainClass, List<String> args, Path log) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx" + heap);
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(classpath);
		command.add(mainClass);
		command.addAll(args);
		return new ChildProcess(name, command, log);
	}

	/**
	 * Run a JVM to its end, such as a tool, and fail if it does not succeed.
	 * @param name what failures call it
	 * @param mainClass the main class
	 * @param args its arguments
	 * @param log the file its output is appended to
	 */
	public static void runToEnd(String name, String mainClass, List<String> args, Path log) {
		ChildProcess tool = java(name, "256m", List.of(), mainClass, args, log);
		tool.start();
		try {
			int exit = tool.process().waitFor();
			if (exit != 0) {
				throw new IllegalStateException(name + " exited with " + exit + "; see " + log);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Start the process.
	 * @throws IllegalStateException if it runs already
	 */
	public void start() {
		if (isAlive()) {
			throw new IllegalStateException(this.name + " is already running");
		}
		try {
			this.process = new ProcessBuilder(this.command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
			started.add(this.process);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + this.name, ex);
		}
	}

	/**
	 * Send {@code SIGKILL} and wait until the process is gone.
	 */
	public void kill() {
		Process running = process();
		running.destroyForcibly();
		try {
			if (!running.waitFor(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException(this.name + " survived SIGKILL");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Wait for the process to end by itself, and kill it if it does not in time.
	 * @param timeout how long to wait
	 * @return its exit code
	 * @throws IllegalStateException if it still ran after the timeout
	 */
	public int awaitExit(Duration timeout) {
		try {
			if (!process().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process().destroyForcibly();
				throw new IllegalStateException(this.name + " still ran after " + timeout + "; killed it");
			}
			return process().exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Wait until the process is frozen, as one that sends itself {@code SIGSTOP} is.
	 * @param timeout how long to wait
	 */
	public void awaitFrozen(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!isFrozen()) {
			if (System.nanoTime() > deadline || !isAlive()) {
				throw new IllegalStateException(this.name + " did not freeze within " + timeout);
			}
			Pause.of(Duration.ofMillis(100));
		}
	}

	private boolean isFrozen() {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(process().pid()), "stat"));
			return stat.substring(stat.lastIndexOf(')') + 2).startsWith("T");
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Freeze the process, as a long GC pause or a stalled VM would.
	 */
	public void pause() {
		signal("STOP");
	}

	/**
	 * Thaw a {@link #pause() frozen} process.
	 */
	public void resume() {
		signal("CONT");
	}

	/**
	 * Stop the process politely if it is running, as at the end of a scenario.
	 */
	public void stop() {
		if (isAlive()) {
			send("CONT");
			process().destroy();
			try {
				if (!process().waitFor(30, TimeUnit.SECONDS)) {
					kill();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Whether the process was started and has not ended.
	 * @return whether it runs
	 */
	public boolean isAlive() {
		return this.process != null && this.process.isAlive();
	}

	/**
	 * Return the operating system's id of the running process.
	 * @return the pid
	 */
	public long pid() {
		return process().pid();
	}

	/**
	 * Return the file the process writes its output to.
	 * @return the log file
	 */
	public Path log() {
		return this.log;
	}

	private void signal(String signal) {
		if (!send(signal)) {
			throw new IllegalStateException("kill -" + signal + " of " + this.name + " failed");
		}
	}

	private boolean send(String signal) {
		try {
			return isAlive()
					&& new ProcessBuilder("kill", "-" + signal, Long.toString(process().pid())).start().waitFor() == 0;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private Process process() {
		if (this.process == null) {
			throw new IllegalStateException(this.name + " was never started");
		}
		return this.process;
	}

	@Override
	public String toString() {
		return this.name;
	}

}
