package dev.events.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.sun.management.OperatingSystemMXBean;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * The table of a chaos run, one row per scenario, as Markdown.
 */
final class GuaranteesReport {

	private static final String ROW = "| %s | %,d (%,d) | %d | %d | %d / %d | %d | %d / %d | %d | %d | %.1f | %s |%n";

	private final List<ScenarioResult> results = new ArrayList<>();

	synchronized void add(ScenarioResult result) {
		this.results.add(result);
	}

	synchronized int size() {
		return this.results.size();
	}

	/**
	 * Write the report.
	 * @param file where to
	 * @param scale the scale the run had
	 */
	synchronized void write(Path file, Scale scale) {
		StringBuilder out = new StringBuilder();
		out.append("""
				# Guarantees under real faults

				Measured by the chaos suite (`events-chaos`) on %s, on a machine with %d cores and %d GiB of
				memory, %s %s. Kafka %s runs as a separate process (KRaft, one node, its log directory kept
				across restarts), PostgreSQL as a server of its own (data directory kept), and each
				application instance, a small service on the starter, as a JVM of its own. The suite kills
				(`SIGKILL`), freezes (`SIGSTOP`) and restarts them while events flow. Every instance runs
				with the starter's defaults. Scale: %s, %,d events per scenario over %d keys, about one in ten
				published in a transaction that rolls back (so *Committed* is nine in ten). Regenerate this
				file with:

				    ./mvnw -B -ntp verify -pl events-chaos -am -Dchaos.scale=full

				`./mvnw -B verify`, and so CI, runs scenarios 1, 2 (30 s), 3 and 5 with 5,000 events each.

				The pass line is 0 in every column but *Duplicate records*, which the design allows (the
				inbox absorbs them) and counts. *Lost* counts committed events no handler applied,
				*Order* events whose first record on the topic, or first effect in a handler, came after a
				later event of their key, *Rolled back seen* events of rolled-back or never-committed
				transactions found on the topic or applied, *Outbox left* rows never sent; the inbox
				holds one row per committed event in every scenario. *Recovery* is
				the time from the end of the fault until every event committed before it was applied.
				*Window* shows that the fault hit what it aims at, without which the zeros would prove
				nothing: scenarios 1 and 5 kill the instance with `SIGKILL` from inside, at the exact
				moment they aim at (after the broker acknowledged a record the outbox still holds; after
				a handler's transaction committed and before its offsets were); in scenario 3 the consumer
				handles nine tenths of its publisher's rate until past the fault, so that the database
				stops while it has events to catch up on.

				| Scenario | Committed (rolled back) | Lost | Duplicate effects | Order (topic / handlers) | Rolled back seen | Dead letters (topic and database / parked) | Outbox left | Duplicate records | Recovery (s) | Window |
				|---|---|---|---|---|---|---|---|---|---|---|
				""".formatted(LocalDate.now(), Runtime.getRuntime().availableProcessors(), totalMemoryGib(),
				System.getProperty("java.vm.name"), System.getProperty("java.version"), AppInfoParser.getVersion(),
				scale.name(), scale.events(), scale.keys()));
		for (ScenarioResult result : this.results) {
			Verdict verdict = result.verdict();
			out.append(String.format(Locale.ROOT, ROW, result.scenario(), verdict.committed(), verdict.rolledBack(),
					verdict.lost(), verdict.duplicateEffects(), verdict.topicOrderViolations(),
					verdict.handlerOrderViolations(), verdict.rolledBackSeen(), verdict.deadLetters(), verdict.parked(),
					verdict.outboxLeft(), verdict.duplicateRecords(), result.recoverySeconds(), result.window()));
		}
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.writeString(file, out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static long totalMemoryGib() {
		OperatingSystemMXBean system = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		return Math.round(system.getTotalMemorySize() / (1024.0 * 1024 * 1024));
	}

}
