package dev.events.test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A real MariaDB server, started once per JVM as a child process from the binaries of the
 * machine's MariaDB installation (Debian's {@code mariadb-server} package, for example) on a
 * data directory of its own that is deleted when the JVM exits. Nothing needs to be running,
 * nor configured: the server listens on a free loopback port and its {@code root} user has no
 * password. Needs the MariaDB JDBC driver on the classpath.
 */
public final class EmbeddedMariaDb {

	/**
	 * The environment variable that makes a missing MariaDB installation an error rather than a
	 * reason to skip MariaDB tests; CI sets it to {@code required}.
	 */
	public static final String REQUIRED_VARIABLE = "EVENTS_TEST_MARIADB";

	private static final List<Path> BINARY_FOLDERS = List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"),
			Path.of("/usr/local/mysql/bin"), Path.of("/opt/homebrew/bin"), Path.of("/usr/local/bin"));

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

	private static @Nullable EmbeddedMariaDb server;

	private final int port;

	private EmbeddedMariaDb(int port) {
		this.port = port;
	}

	/**
	 * Whether the machine has MariaDB's server binaries.
	 * @return whether {@code mariadbd} and {@code mariadb-install-db} were found
	 */
	public static boolean isInstalled() {
		return binary("mariadbd").isPresent() && binary("mariadb-install-db").isPresent();
	}

	/**
	 * Whether MariaDB tests must run, failing when MariaDB is not installed, rather than be
	 * skipped: {@value #REQUIRED_VARIABLE} is {@code required}.
	 * @return whether MariaDB is required
	 */
	public static boolean isRequired() {
		return "required".equalsIgnoreCase(System.getenv(REQUIRED_VARIABLE));
	}

	/**
	 * Return the JDBC URL of a database of the embedded MariaDB, starting the server and creating
	 * the database if needed. The user is {@code root}, with no password.
	 * @param database the database name
	 * @return its JDBC URL
	 */
	public static synchronized String jdbcUrl(String database) {
		EmbeddedMariaDb started = server();
		JdbcClient.create(started.dataSource(""))
			.sql("CREATE DATABASE IF NOT EXISTS `" + database.replace("`", "") + "`")
			.update();
		return started.url(database);
	}

	private static EmbeddedMariaDb server() {
		if (server == null) {
			server = start();
		}
		return server;
	}

	private String url(String database) {
		return "jdbc:mariadb://127.0.0.1:" + this.port + "/" + database;
	}

	private SimpleDriverDataSource dataSource(String database) {
		try {
			return new SimpleDriverDataSource(new org.mariadb.jdbc.Driver(), url(database), "root", "");
		}
		catch (NoClassDefFoundError ex) {
			throw new IllegalStateException("The embedded MariaDB needs org.mariadb.jdbc:mariadb-java-client", ex);
		}
	}

	private static EmbeddedMariaDb start() {
		Path server = binary("mariadbd").orElseThrow(EmbeddedMariaDb::notInstalled);
		Path installer = binary("mariadb-install-db").orElseThrow(EmbeddedMariaDb::notInstalled);
		try {
			Path home = Files.createTempDirectory("events-mariadb");
			Path data = home.resolve("data");
			run(List.of(installer.toString(), "--no-defaults", "--datadir=" + data, "--user=" + user(),
					"--auth-root-authentication-method=normal", "--skip-test-db"), home.resolve("install.log"));
			int port = freePort();
			Process process = new ProcessBuilder(server.toString(), "--no-defaults", "--datadir=" + data,
					"--user=" + user(), "--port=" + port, "--bind-address=127.0.0.1",
					"--socket=" + home.resolve("mariadb.sock"), "--skip-log-bin", "--max-connections=1000",
					"--character-set-server=utf8mb4", "--collation-server=utf8mb4_general_ci",
					"--innodb-buffer-pool-size=256M", "--innodb-flush-log-at-trx-commit=2")
				.redirectErrorStream(true)
				.redirectOutput(home.resolve("server.log").toFile())
				.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process, home)));
			awaitPort(process, port, home.resolve("server.log"));
			return new EmbeddedMariaDb(port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static IllegalStateException notInstalled() {
		return new IllegalStateException("MariaDB is not installed: the embedded MariaDB runs the machine's mariadbd "
				+ "and mariadb-install-db (on Debian: apt-get install mariadb-server)");
	}

	private static Optional<Path> binary(String name) {
		Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.filter((folder) -> !folder.isEmpty())
			.map(Path::of);
		return Stream.concat(onPath, BINARY_FOLDERS.stream())
			.map((folder) -> folder.resolve(name))
			.filter(Files::isExecutable)
			.findFirst();
	}

	private static String user() {
		return System.getProperty("user.name");
	}

	private static void run(List<String> command, Path log) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			if (process.waitFor() != 0) {
				throw new IllegalStateException("%s failed: %s".formatted(command.get(0), Files.readString(log)));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new IllegalStateException("Interrupted while preparing MariaDB's data directory", ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void awaitPort(Process process, int port, Path log) throws IOException {
		Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new IllegalStateException("MariaDB exited at startup: " + Files.readString(log));
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
				return;
			}
			catch (IOException notYet) {
				pause();
			}
		}
		process.destroyForcibly();
		throw new IllegalStateException("MariaDB did not listen on port %d within %s: %s".formatted(port,
				STARTUP_TIMEOUT, Files.readString(log)));
	}

	private static void pause() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for MariaDB", ex);
		}
	}

	private static void stop(Process process, Path home) {
		process.destroy();
		try {
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
			deleteRecursively(home);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
	}

	private static void deleteRecursively(Path folder) {
		try (Stream<Path> paths = Files.walk(folder)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
