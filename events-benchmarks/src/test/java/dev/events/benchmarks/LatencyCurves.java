package dev.events.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.DoubleStream;

/**
 * Draws latency percentile curves as a standalone SVG, the way HdrHistogram plots a percentile
 * distribution: percentiles from p50 to p99.9 (or p99.99) on a log scale of {@code 1/(1-p)}, the
 * latency at each by nearest rank in milliseconds on a log scale, one line per series and optional
 * dashed targets. Immutable: each {@code series} and {@code target} returns a new instance.
 */
final class LatencyCurves {

	private static final int WIDTH = 720;

	private static final int HEIGHT = 420;

	private static final int LEFT = 70;

	private static final int RIGHT = 700;

	private static final int TOP = 40;

	private static final int BOTTOM = 360;

	private static final double CHARACTER_WIDTH = 6.5;

	private static final int POINTS_PER_DECADE = 20;

	private static final int SAMPLES_FOR_P9999 = 10_000;

	private static final double FIRST_DECADE = Math.log10(2);

	private static final String[] COLOURS = { "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9" };

	private static final String[] DASHES = { "", "8 4", "2 3" };

	private static final String[] PERCENTILES = { "50%", "90%", "99%", "99.9%", "99.99%" };

	private static final String GRID = "class=\"grid\" stroke=\"#dddddd\"";

	private static final int[] MANTISSAS = { 1, 2, 5 };

	private final String title;

	private final String yAxisLabel;

	private final List<Series> series;

	private final List<Target> targets;

	private LatencyCurves(String title, String yAxisLabel, List<Series> series, List<Target> targets) {
		this.title = title;
		this.yAxisLabel = yAxisLabel;
		this.series = List.copyOf(series);
		this.targets = List.copyOf(targets);
	}

	/**
	 * Start a chart without series.
	 * @param title the title above the plot
	 * @param yAxisLabel the label of the latency axis, such as {@code commit -> consumer, ms}
	 * @return the chart
	 */
	static LatencyCurves titled(String title, String yAxisLabel) {
		return new LatencyCurves(title, yAxisLabel, List.of(), List.of());
	}

	/**
	 * Add a series; a series without samples is left out.
	 * @param name the name in the legend
	 * @param latenciesMicros the latencies in microseconds, in any order
	 * @return a chart with the series added
	 */
	LatencyCurves series(String name, List<Long> latenciesMicros) {
		if (latenciesMicros.isEmpty()) {
			return this;
		}
		long[] sorted = latenciesMicros.stream().mapToLong(Long::longValue).sorted().toArray();
		List<Series> added = new ArrayList<>(this.series);
		added.add(new Series(name, sorted));
		return new LatencyCurves(this.title, this.yAxisLabel, added, this.targets);
	}

	/**
	 * Add a horizontal dashed line at a target latency.
	 * @param label the label drawn above the line, such as {@code target p99 5 ms}
	 * @param millis the latency in milliseconds
	 * @return a chart with the target added
	 */
	LatencyCurves target(String label, double millis) {
		List<Target> added = new ArrayList<>(this.targets);
		added.add(new Target(label, millis));
		return new LatencyCurves(this.title, this.yAxisLabel, this.series, added);
	}

	/**
	 * Write the SVG document to a file, creating its parent directories.
	 * @param file the file
	 */
	void write(Path file) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.writeString(file, svg(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write " + file, ex);
		}
	}

	/**
	 * Return the chart as an SVG document. The percentile axis reaches p99.99 when every series
	 * has at least 10,000 samples, p99.9 otherwise.
	 * @return the document
	 */
	String svg() {
		int lastDecade = lastDecade();
		double[] decades = decades(lastDecade);
		List<double[]> curves = this.series.stream().map((line) -> line.curve(decades)).toList();
		List<BigDecimal> ticks = latencyTicks(curves);
		Plot plot = new Plot(lastDecade, ticks.get(0).doubleValue(), ticks.get(ticks.size() - 1).doubleValue());
		Document document = new Document();
		document.add("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
				+ "font-family=\"sans-serif\" font-size=\"11\">", WIDTH, HEIGHT, WIDTH, HEIGHT);
		document.rect(0, 0, WIDTH, HEIGHT, "fill=\"white\"");
		document.text(WIDTH / 2, 24, "class=\"title\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\"",
				this.title);
		drawPercentileAxis(document, plot, lastDecade);
		drawLatencyAxis(document, plot, ticks);
		drawTargetLines(document, plot);
		for (int i = 0; i < curves.size(); i++) {
			drawCurve(document, plot, i, decades, curves.get(i));
		}
		drawTargetLabels(document, plot);
		drawLegend(document);
		document.add("</svg>");
		return document.toString();
	}

	private int lastDecade() {
		boolean resolved = !this.series.isEmpty()
				&& this.series.stream().allMatch((line) -> line.sorted().length >= SAMPLES_FOR_P9999);
		return resolved ? 4 : 3;
	}

	private static double[] decades(double lastDecade) {
		int steps = (int) Math.round((lastDecade - FIRST_DECADE) * POINTS_PER_DECADE);
		return DoubleStream.iterate(0, (step) -> step + 1)
			.limit(steps + 1)
			.map((step) -> FIRST_DECADE + (lastDecade - FIRST_DECADE) * step / steps)
			.toArray();
	}

	private List<BigDecimal> latencyTicks(List<double[]> curves) {
		double[] positive = DoubleStream
			.concat(curves.stream().flatMapToDouble(DoubleStream::of),
					this.targets.stream().mapToDouble(Target::millis))
			.filter((millis) -> millis > 0)
			.toArray();
		return latencyTicks(DoubleStream.of(positive).min().orElse(1), DoubleStream.of(positive).max().orElse(10));
	}

	private static List<BigDecimal> latencyTicks(double low, double high) {
		List<BigDecimal> ticks = new ArrayList<>();
		for (int exponent = (int) Math.floor(Math.log10(low));; exponent++) {
			for (int mantissa : MANTISSAS) {
				BigDecimal tick = BigDecimal.valueOf(mantissa).scaleByPowerOfTen(exponent);
				if (tick.doubleValue() <= low) {
					ticks.clear();
				}
				ticks.add(tick);
				if (ticks.size() > 1 && tick.doubleValue() >= high) {
					return ticks;
				}
			}
		}
	}

	private static void drawPercentileAxis(Document document, Plot plot, int lastDecade) {
		for (int decade = 0; decade <= lastDecade; decade++) {
			double x = plot.x((decade == 0) ? FIRST_DECADE : decade);
			document.line(x, TOP, x, BOTTOM, GRID);
			document.text(x, BOTTOM + 16, "class=\"percentile-tick\" text-anchor=\"middle\"", PERCENTILES[decade]);
		}
		document.text((LEFT + RIGHT) / 2, BOTTOM + 40, "text-anchor=\"middle\" font-size=\"12\"", "percentile");
	}

	private void drawLatencyAxis(Document document, Plot plot, List<BigDecimal> ticks) {
		for (BigDecimal tick : ticks) {
			double y = plot.y(tick.doubleValue());
			document.line(LEFT, y, RIGHT, y, GRID);
			document.text(LEFT - 6, y + 4, "class=\"latency-tick\" text-anchor=\"end\"",
					tick.stripTrailingZeros().toPlainString());
		}
		document.rect(LEFT, TOP, RIGHT - LEFT, BOTTOM - TOP, "fill=\"none\" stroke=\"#888888\"");
		int middle = (TOP + BOTTOM) / 2;
		document.text(18, middle, "text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 18 %d)\""
			.formatted(middle), this.yAxisLabel);
	}

	private void drawTargetLines(Document document, Plot plot) {
		for (Target target : this.targets) {
			double y = plot.y(target.millis());
			document.line(LEFT, y, RIGHT, y, "class=\"target\" stroke=\"#555555\" stroke-dasharray=\"6 4\"");
		}
	}

	private void drawTargetLabels(Document document, Plot plot) {
		for (Target target : this.targets) {
			double y = plot.y(target.millis());
			double width = CHARACTER_WIDTH * target.label().length() + 6;
			document.rect(RIGHT - 1 - width, y - 15, width, 13, "fill=\"white\" fill-opacity=\"0.85\"");
			document.text(RIGHT - 4, y - 4, "class=\"target\" text-anchor=\"end\" fill=\"#555555\"", target.label());
		}
	}

	private void drawCurve(Document document, Plot plot, int index, double[] decades, double[] millis) {
		StringBuilder points = new StringBuilder();
		for (int i = 0; i < decades.length; i++) {
			points.append(String.format(Locale.ROOT, "%s%.1f,%.1f", (i == 0) ? "" : " ", plot.x(decades[i]),
					plot.y(millis[i])));
		}
		document.add("<polyline class=\"series\" points=\"%s\" fill=\"none\" %s><title>%s</title></polyline>",
				points, stroke(index), escape(this.series.get(index).name()));
	}

	private void drawLegend(Document document) {
		if (this.series.isEmpty()) {
			return;
		}
		int longest = this.series.stream().mapToInt((line) -> line.name().length()).max().orElse(0);
		document.rect(LEFT + 8, TOP + 8, 42 + CHARACTER_WIDTH * longest, 8 + 16 * this.series.size(),
				"class=\"legend\" fill=\"white\" fill-opacity=\"0.85\" stroke=\"#cccccc\"");
		for (int i = 0; i < this.series.size(); i++) {
			int y = TOP + 20 + 16 * i;
			document.line(LEFT + 14, y, LEFT + 38, y, stroke(i));
			document.text(LEFT + 44, y + 4, "class=\"legend\"", this.series.get(i).name());
		}
	}

	private static String stroke(int index) {
		String dash = DASHES[(index / COLOURS.length) % DASHES.length];
		return "stroke=\"%s\" stroke-width=\"2\"%s".formatted(COLOURS[index % COLOURS.length],
				dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"");
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;")
			.replace("<", "&lt;")
			.replace(">", "&gt;")
			.replace("\"", "&quot;")
			.replace("'", "&apos;");
	}

	private record Series(String name, long[] sorted) {

		double[] curve(double[] decades) {
			return DoubleStream.of(decades)
				.map((decade) -> Percentiles.at(this.sorted, 1 - Math.pow(10, -decade)))
				.toArray();
		}

	}

	private record Target(String label, double millis) {
	}

	/**
	 * Maps a decade of {@code 1/(1-p)} and a latency to the SVG's coordinates.
	 */
	private record Plot(double lastDecade, double lowest, double highest) {

		double x(double decade) {
			return LEFT + (decade - FIRST_DECADE) / (this.lastDecade - FIRST_DECADE) * (RIGHT - LEFT);
		}

		double y(double millis) {
			double clamped = Math.max(millis, this.lowest);
			double span = Math.log10(this.highest) - Math.log10(this.lowest);
			return BOTTOM - (Math.log10(clamped) - Math.log10(this.lowest)) / span * (BOTTOM - TOP);
		}

	}

	private static final class Document {

		private final StringBuilder text = new StringBuilder();

		void add(String format, Object... args) {
			this.text.append(String.format(Locale.ROOT, format, args)).append('\n');
		}

		void line(double x1, double y1, double x2, double y2, String attributes) {
			add("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" %s/>", x1, y1, x2, y2, attributes);
		}

		void rect(double x, double y, double width, double height, String attributes) {
			add("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" %s/>", x, y, width, height, attributes);
		}

		void text(double x, double y, String attributes, String content) {
			add("<text x=\"%.1f\" y=\"%.1f\" %s>%s</text>", x, y, attributes, escape(content));
		}

		@Override
		public String toString() {
			return this.text.toString();
		}

	}

}
