package dev.events.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.events.benchmarks.app.BenchmarkApplication;
import dev.events.harness.ChildProcess;

/**
 * A service the benchmarks run, each the same workload, and the classpath its JVM runs on.
 */
enum Service {

	/** The service on the starter, from this test's own classpath. */
	EVENTS(BenchmarkApplication.class.getName()) {

		@Override
		String classpath() {
			return System.getProperty("java.class.path");
		}

	},

	/**
	 * The peer on Spring Modulith, from the classes and the classpath file of its module, so that
	 * it runs on the Spring versions it supports, none of ours.
	 */
	MODULITH("dev.events.benchmarks.modulith.ModulithBenchmarkApplication") {

		@Override
		String classpath() {
			Path module = Path.of(System.getProperty("benchmarks.modulith"));
			try {
				return module.resolve("classes") + File.pathSeparator
						+ Files.readString(module.resolve("service.classpath")).strip();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("No classpath of the Modulith peer; build its module first", ex);
			}
		}

	};

	private final String mainClass;

	Service(String mainClass) {
		this.mainClass = mainClass;
	}

	/**
	 * Return the service's classpath.
	 * @return its entries, separated by the platform's path separator
	 */
	abstract String classpath();

	/**
	 * Describe a JVM of the service, its garbage collections logged beside its log; nothing starts
	 * yet. {@code -Dbenchmarks.service-options} adds JVM options, and with
	 * {@code -Dbenchmarks.profile=true} it records a flight recording (JFR, profile settings) beside
	 * its log.
	 * @param name what the logs and failures call it
	 * @param args its arguments
	 * @param log the file its output is appended to
	 * @return the process, not started
	 */
	ChildProcess java(String name, List<String> args, Path log) {
		List<String> options = new ArrayList<>(List.of("-XX:+UseParallelGC",
				"-Xlog:gc:file=" + log.resolveSibling(name + "-gc.log")));
		String extra = System.getProperty("benchmarks.service-options", "").strip();
		if (!extra.isEmpty()) {
			options.addAll(List.of(extra.split("\\s+")));
		}
		if (Boolean.getBoolean("benchmarks.profile")) {
			options.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
					+ log.resolveSibling(name + ".jfr"));
		}
		return ChildProcess.java(name, "1g", options, classpath(), this.mainClass, args, log);
	}

	/**
	 * Return the version of a library the service runs on, from its jar's name.
	 * @param artifactId the library's artifact, such as {@code spring-boot}
	 * @return its version
	 */
	String version(String artifactId) {
		String prefix = artifactId + "-";
		return Arrays.stream(classpath().split(File.pathSeparator))
			.map((entry) -> Path.of(entry).getFileName().toString())
			.filter((jar) -> jar.startsWith(prefix) && jar.endsWith(".jar")
					&& Character.isDigit(jar.charAt(prefix.length())))
			.map((jar) -> jar.substring(prefix.length(), jar.length() - ".jar".length()))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No " + artifactId + " on the classpath of " + this));
	}

}
