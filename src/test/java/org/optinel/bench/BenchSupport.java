package org.optinel.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.stream.Stream;

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

	/** The nearest-rank percentile of sorted latencies, in milliseconds. */
	static double percentileMs(long[] sortedNanos, double quantile) {
		int index = (int) Math.ceil(quantile * sortedNanos.length) - 1;
		return sortedNanos[Math.max(0, Math.min(index, sortedNanos.length - 1))] / 1e6;
	}

	/** One HTTP client thread's requests: each call sends one and answers null when it succeeded, else why not. */
	interface Requests {

		String send(HttpClient http) throws IOException, InterruptedException;
	}

	/**
	 * What a closed loop measured: the sorted latencies of the requests that succeeded inside the
	 * measured window, every success (warm-up included), the failures and the first of them.
	 */
	record Load(long[] sortedNanos, long succeeded, long errors, String firstError) {
	}

	/**
	 * {@code clients} threads, each with its own HTTP/1.1 keep-alive client, sending one request after
	 * another for {@code warmupSeconds} not counted and then {@code seconds} measured.
	 */
	static Load closedLoop(String name, int clients, int warmupSeconds, int seconds, IntFunction<Requests> perClient) {
		long warmupEnd = System.nanoTime() + Duration.ofSeconds(warmupSeconds).toNanos();
		long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
		AtomicLong succeeded = new AtomicLong();
		AtomicLong errors = new AtomicLong();
		AtomicReference<String> firstError = new AtomicReference<>();
		long[][] latencies = new long[clients][];
		List<Thread> threads = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			int client = c;
			Requests requests = perClient.apply(client);
			Thread thread = new Thread(() -> {
				HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
				long[] mine = new long[1 << 16];
				int n = 0;
				while (true) {
					long start = System.nanoTime();
					if (start >= end) {
						break;
					}
					String problem;
					try {
						problem = requests.send(http);
					}
					catch (IOException e) {
						problem = e.toString();
					}
					catch (InterruptedException e) {
						Thread.currentThread().interrupt();
						break;
					}
					long done = System.nanoTime();
					if (problem != null) {
						errors.incrementAndGet();
						firstError.compareAndSet(null, problem);
						continue;
					}
					succeeded.incrementAndGet();
					if (done >= warmupEnd && done < end) {
						if (n == mine.length) {
							mine = Arrays.copyOf(mine, n * 2);
						}
						mine[n++] = done - start;
					}
				}
				latencies[client] = Arrays.copyOf(mine, n);
			}, name + "-" + c);
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			try {
				thread.join();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
		}
		long[] all = Stream.of(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
		return new Load(all, succeeded.get(), errors.get(), firstError.get());
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
