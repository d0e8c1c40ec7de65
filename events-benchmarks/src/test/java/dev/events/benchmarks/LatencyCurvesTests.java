package dev.events.benchmarks;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LatencyCurves}: each reads the SVG back as XML and checks what it draws.
 */
class LatencyCurvesTests {

	private static final String SVG = "http://www.w3.org/2000/svg";

	@Test
	void drawsOnePolylinePerNonEmptySeries() {
		Document svg = parse(LatencyCurves.titled("Latency", "ms")
			.series("events", spread(1000, 1))
			.series("idle", List.of())
			.series("modulith", spread(1000, 2))
			.svg());
		assertThat(elements(svg, "polyline", "series")).extracting(Element::getTextContent)
			.containsExactly("events", "modulith");
	}

	@Test
	void legendNamesAndTitleAreEscaped() {
		String name = "batch <500> & \"linger\" 'on'";
		String svg = LatencyCurves.titled("p99 < 5 ms & more", "commit -> consumer, ms")
			.series(name, spread(1000, 1))
			.svg();
		assertThat(svg).contains("batch &lt;500&gt; &amp; &quot;linger&quot; &apos;on&apos;")
			.contains("p99 &lt; 5 ms &amp; more")
			.contains("commit -&gt; consumer, ms")
			.doesNotContain(name);
		Document document = parse(svg);
		assertThat(elements(document, "text", "legend")).extracting(Element::getTextContent).containsExactly(name);
		assertThat(elements(document, "text", "title")).extracting(Element::getTextContent)
			.containsExactly("p99 < 5 ms & more");
	}

	@Test
	void percentileAxisReachesP999ForFewerThanTenThousandSamples() {
		Document svg = parse(LatencyCurves.titled("Latency", "ms").series("events", spread(9_999, 1)).svg());
		assertThat(elements(svg, "text", "percentile-tick")).extracting(Element::getTextContent)
			.containsExactly("50%", "90%", "99%", "99.9%");
	}

	@Test
	void percentileAxisReachesP9999WhenEverySeriesHasTenThousandSamples() {
		Document svg = parse(LatencyCurves.titled("Latency", "ms").series("events", spread(10_000, 1)).svg());
		assertThat(elements(svg, "text", "percentile-tick")).extracting(Element::getTextContent)
			.containsExactly("50%", "90%", "99%", "99.9%", "99.99%");
	}

	@Test
	void latencyAxisHasOneTwoFiveTicksCoveringTheCurve() {
		List<Long> micros = new ArrayList<>();
		micros.addAll(Collections.nCopies(600, 700L));
		micros.addAll(Collections.nCopies(398, 10_000L));
		micros.addAll(Collections.nCopies(2, 3_000_000L));
		Document svg = parse(LatencyCurves.titled("Latency", "ms").series("events", micros).svg());
		assertThat(elements(svg, "text", "latency-tick")).extracting(Element::getTextContent)
			.containsExactly("0.5", "1", "2", "5", "10", "20", "50", "100", "200", "500", "1000", "2000", "5000");
	}

	@Test
	void curveRisesFromLeftToRight() {
		Document svg = parse(LatencyCurves.titled("Latency", "ms").series("events", shuffled(spread(5000, 1))).svg());
		List<double[]> points = points(elements(svg, "polyline", "series").get(0));
		assertThat(points).hasSizeGreaterThan(50);
		for (int i = 1; i < points.size(); i++) {
			assertThat(points.get(i)[0]).as("x of point %d", i).isGreaterThan(points.get(i - 1)[0]);
			assertThat(points.get(i)[1]).as("y of point %d", i).isLessThanOrEqualTo(points.get(i - 1)[1]);
		}
		assertThat(points.get(points.size() - 1)[1]).isLessThan(points.get(0)[1]);
	}

	@Test
	void slowerSeriesLiesAboveFasterSeries() {
		Document svg = parse(LatencyCurves.titled("Latency", "ms")
			.series("fast", spread(2000, 1))
			.series("slow", spread(2000, 3))
			.svg());
		List<Element> lines = elements(svg, "polyline", "series");
		List<double[]> fast = points(lines.get(0));
		List<double[]> slow = points(lines.get(1));
		assertThat(slow).hasSameSizeAs(fast);
		for (int i = 0; i < fast.size(); i++) {
			assertThat(slow.get(i)[0]).isEqualTo(fast.get(i)[0]);
			assertThat(slow.get(i)[1]).as("y of point %d", i).isLessThan(fast.get(i)[1]);
		}
	}

	@Test
	void targetIsADashedLineAtItsLatency() {
		Document svg = parse(LatencyCurves.titled("Latency", "ms")
			.series("steady", Collections.nCopies(1000, 5_000L))
			.series("events", spread(1000, 1))
			.target("target p99 5 ms", 5)
			.svg());
		Element target = elements(svg, "line", "target").get(0);
		double steady = points(elements(svg, "polyline", "series").get(0)).get(0)[1];
		assertThat(target.getAttribute("stroke-dasharray")).isNotEmpty();
		assertThat(Double.parseDouble(target.getAttribute("y1"))).isEqualTo(steady);
		assertThat(Double.parseDouble(target.getAttribute("y2"))).isEqualTo(steady);
		assertThat(elements(svg, "text", "target")).extracting(Element::getTextContent)
			.containsExactly("target p99 5 ms");
	}

	@Test
	void latenciesOfZeroLieOnTheLowestGridline() {
		List<Long> micros = new ArrayList<>(Collections.nCopies(600, 0L));
		micros.addAll(spread(400, 1));
		Document svg = parse(LatencyCurves.titled("Latency", "ms").series("events", micros).svg());
		double lowestGridline = elements(svg, "line", "grid").stream()
			.filter((line) -> line.getAttribute("y1").equals(line.getAttribute("y2")))
			.mapToDouble((line) -> Double.parseDouble(line.getAttribute("y1")))
			.max()
			.orElseThrow();
		List<double[]> points = points(elements(svg, "polyline", "series").get(0));
		assertThat(points.get(0)[1]).isEqualTo(lowestGridline);
		assertThat(points.get(points.size() - 1)[1]).isLessThan(lowestGridline);
	}

	@Test
	void documentIsAnSvgElement() {
		Element root = parse(LatencyCurves.titled("Latency", "ms").series("events", spread(100, 1)).svg())
			.getDocumentElement();
		assertThat(root.getNamespaceURI()).isEqualTo(SVG);
		assertThat(root.getLocalName()).isEqualTo("svg");
		assertThat(root.getAttribute("font-family")).isEqualTo("sans-serif");
	}

	@Test
	void writeCreatesTheDirectories(@TempDir Path directory) throws Exception {
		LatencyCurves curves = LatencyCurves.titled("Latency", "ms").series("events", spread(100, 1));
		Path file = directory.resolve("a/b/latency.svg");
		curves.write(file);
		assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(curves.svg());
	}

	/**
	 * Latencies from {@code factor} ms upwards, rising ever faster towards the tail.
	 */
	private static List<Long> spread(int count, long factor) {
		return LongStream.range(0, count).map((i) -> factor * 1000 * count / (count - i)).boxed().toList();
	}

	private static List<Long> shuffled(List<Long> micros) {
		List<Long> shuffled = new ArrayList<>(micros);
		Collections.shuffle(shuffled, new Random(42));
		return shuffled;
	}

	private static Document parse(String svg) {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new AssertionError("Not well-formed XML:\n" + svg, ex);
		}
	}

	private static List<Element> elements(Document svg, String name, String cssClass) {
		NodeList nodes = svg.getElementsByTagNameNS(SVG, name);
		return IntStream.range(0, nodes.getLength())
			.mapToObj((i) -> (Element) nodes.item(i))
			.filter((element) -> element.getAttribute("class").equals(cssClass))
			.toList();
	}

	private static List<double[]> points(Element polyline) {
		return Arrays.stream(polyline.getAttribute("points").split(" "))
			.map((point) -> point.split(","))
			.map((xy) -> new double[] { Double.parseDouble(xy[0]), Double.parseDouble(xy[1]) })
			.toList();
	}

}
