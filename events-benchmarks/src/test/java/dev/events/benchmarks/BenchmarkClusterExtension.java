package dev.events.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives the benchmark tests that ask for it one {@link BenchmarkCluster} for the whole test run,
 * started by the first and stopped when the run ends: the broker and PostgreSQL start once.
 */
public final class BenchmarkClusterExtension implements ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(BenchmarkClusterExtension.class);

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == BenchmarkCluster.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return extensionContext.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(BenchmarkCluster.class, (key) -> BenchmarkCluster.start(workDir()),
					BenchmarkCluster.class);
	}

	private static Path workDir() {
		try {
			return Files.createTempDirectory(Files.createDirectories(Path.of("target", "benchmarks")), "run-")
				.toAbsolutePath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
