package dev.events.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * How the reports put repeated measurements: the median, with the range beside it.
 */
public final class Figures {

	private Figures() {
	}

	/**
	 * Return the median of some measurements, each run measured once.
	 * @param <T> what a run is
	 * @param runs the runs
	 * @param value a run's measurement
	 * @param format the format of a measurement, such as {@code %,.0f}
	 * @return the median, with the lowest and the highest in brackets
	 */
	public static <T> String figure(List<T> runs, ToDoubleFunction<T> value, String format) {
		double[] values = runs.stream().mapToDouble(value).sorted().toArray();
		return String.format(Locale.ROOT, format + " [" + format + "-" + format + "]", median(values), values[0],
				values[values.length - 1]);
	}

	/**
	 * Return the median of some sorted measurements.
	 * @param sorted the measurements, ascending
	 * @return their median
	 */
	public static double median(double[] sorted) {
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

}
