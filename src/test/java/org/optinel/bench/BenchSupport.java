package org.optinel.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What the benchmarks share: their settings, their clock, their statistics and their results file. */
final class BenchSupport {

	static final Path BENCH_DIR = Path.of("target", "bench");

	private BenchSupport() {
	}

	/**
	 * The machine's load average over the last minute: above the number of cores, other processes
	 * took CPU time from the run, and its figures are not comparable with a quiet machine's.
	 */
	static double load() {
		return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
	}

	static double seconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e9;
	}

	static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	/** Appends the printed figures, under a timestamp, to {@code target/bench/results.txt}. */
	static void appendResults(List<String> lines) {
		List<String> record = new ArrayList<>();
		record.add("# " + Instant.now());
		record.addAll(lines);
		try {
			Files.createDirectories(BENCH_DIR);
			Files.write(BENCH_DIR.resolve("results.txt"), record, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot append to " + BENCH_DIR.resolve("results.txt"), e);
		}
	}

	static int positive(String property, int defaultValue) {
		return atLeast(property, defaultValue, 1);
	}

	static int natural(String property, int defaultValue) {
		return atLeast(property, defaultValue, 0);
	}

	private static int atLeast(String property, int defaultValue, int minimum) {
		String value = System.getProperty(property);
		if (value == null || value.isBlank()) {
			return defaultValue;
		}
		try {
			int parsed = Integer.parseInt(value.strip().replace("_", ""));
			if (parsed >= minimum) {
				return parsed;
			}
		}
		catch (NumberFormatException e) {
			// reported below
		}
		throw new IllegalArgumentException(
				property + " must be a whole number of at least " + minimum + ", was '" + value + "'");
	}
}
