package org.optinel.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.optinel.OptinelApplication;
import org.optinel.bench.ImportBenchmark.Db;
import org.optinel.core.Channel;
import org.optinel.consent.ConsentAction;
import org.optinel.consent.ConsentCapture;
import org.optinel.consent.ConsentManagement;
import org.optinel.consent.ConsentSource;
import org.optinel.consent.EvidenceFields;
import org.optinel.consent.PurposeKind;
import org.optinel.consent.PurposeManagement;
import org.optinel.contacts.ContactImporter;
import org.optinel.contacts.ImportProgress;
import org.optinel.contacts.ImportSource;
import org.optinel.contacts.ImportSummary;
import org.optinel.core.TenantId;
import org.optinel.tenancy.IssuedTenant;
import org.optinel.tenancy.NewTenant;
import org.optinel.tenancy.TenantManagement;
import org.optinel.testing.Databases;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.junit.jupiter.api.Assertions.fail;
import static org.optinel.bench.BenchSupport.BENCH_DIR;
import static org.optinel.bench.BenchSupport.load;
import static org.optinel.bench.BenchSupport.median;
import static org.optinel.bench.BenchSupport.natural;
import static org.optinel.bench.BenchSupport.percentileMs;
import static org.optinel.bench.BenchSupport.positive;
import static org.optinel.bench.BenchSupport.seconds;

/**
 * How many durable consent events Optinel records per second: through HTTP ({@code POST
 * /api/v1/consents}, single events from concurrent clients) and in bulk. Prints figures
 * ({@code BENCH consent-...} lines, also appended to {@code target/bench/results.txt}); asserts
 * nothing about time, but fails if the ledger does not verify with every recorded event after a run.
 * See bench/README.md.
 *
 * <p>Measurements: {@code http-trivial}, the same clients on a trivial endpoint ({@code GET
 * /actuator/health} with its checks off), the ceiling of this machine's HTTP stack against which
 * the others are given as ratios; {@code consent-http}, single answers from concurrent clients;
 * {@code consent-inprocess}, {@link ConsentManagement#record} in a loop from one thread, one
 * transaction per event; {@code consent-bulk-http}, {@code POST /api/v1/consents/batch} from one
 * client, batches sent one after the other; {@code consent-bulk-inprocess},
 * {@link ConsentManagement#recordAll} in a loop. Bulk runs record a fixed number of events (two
 * batches of warm-up first) and are timed from the first measured batch to the last answer.
 *
 * <p>Each run starts the application with its web server on a random port of 127.0.0.1 on a fresh
 * database, creates a tenant, a MARKETING purpose with a notice, and contacts (by the CSV importer;
 * none of this is timed). The clients then alternate GRANT (source API, with the notice and some
 * evidence) and WITHDRAW on their own contacts, so that every event changes a consent state:
 * a warm-up first, not counted, then the measured window. All events go to one tenant, so all
 * appends queue on the same ledger head, as a busy tenant's would.
 *
 * <p>System properties: {@code bench.db} ({@code sqlite}, {@code postgresql} or {@code both}, the
 * default), {@code bench.runs} (default 3), {@code bench.consent.seconds} (measured window, default
 * 20), {@code bench.consent.warmup-seconds} (default 5), {@code bench.consent.clients} (default 16),
 * {@code bench.consent.contacts} (default 10,000), and a diagnostic printed with the figures:
 * {@code bench.consent.pool-size} (the application's connection pool; default its own, 8),
 * {@code bench.consent.bulk-events} (measured events of a bulk run, default 200,000),
 * {@code bench.consent.bulk-batch} (answers per batch, default 5,000),
 * {@code bench.consent.bulk-warmup} (batches recorded before a bulk run is timed, default 20: with
 * two, the compiler was still at work for much of the timed run) and {@code bench.consent.only}
 * (a comma-separated list of the measurements to run; all by default).
 */
@Tag("benchmark")
class ConsentBenchmark {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String PURPOSE = "newsletter";

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private final int runs = positive("bench.runs", 3);

	private final int seconds = positive("bench.consent.seconds", 20);

	private final int warmupSeconds = natural("bench.consent.warmup-seconds", 5);

	private final int clients = positive("bench.consent.clients", 16);

	private final int contactCount = positive("bench.consent.contacts", 10_000);

	/** Connections in the application's pool; 0 keeps the application's own setting. A diagnostic. */
	private final int poolSize = natural("bench.consent.pool-size", 0);

	private final int bulkEvents = positive("bench.consent.bulk-events", 200_000);

	private final int bulkBatch = positive("bench.consent.bulk-batch", 5_000);

	private final int bulkWarmup = natural("bench.consent.bulk-warmup", 20);

	private final Set<String> only = Stream.of(System.getProperty("bench.consent.only", "").split(","))
		.map(String::strip)
		.filter(name -> !name.isEmpty())
		.collect(Collectors.toSet());

	private final Map<String, Double> medians = new java.util.LinkedHashMap<>();

	private final Set<Db> databases = ImportBenchmark.databases(System.getProperty("bench.db", "both"));

	private final List<String> lines = new ArrayList<>();

	private final List<String> failures = new ArrayList<>();

	private Path contactsCsv;

	@Test
	void recordsConsentEventsThroughHttpAndInProcess() {
		print(String.format(Locale.ROOT,
				"BENCH setup consent db=%s runs=%d seconds=%d warmup_seconds=%d clients=%d contacts=%d pool_size=%s cores=%d java=%s load_1m=%.2f",
				databases.stream().map(Db::label).collect(Collectors.joining(",")), runs, seconds, warmupSeconds, clients,
				contactCount, poolSize == 0 ? "default" : poolSize,
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), load()));
		contactsCsv = new ContactCsvGenerator(ContactCsvGenerator.DEFAULT_SEED)
			.write(BENCH_DIR.resolve("consent-contacts-" + contactCount + ".csv"), contactCount)
			.file();
		for (Db db : databases) {
			measure("http-trivial", db, application -> httpOnce(application, true));
			measure("consent-http", db, application -> httpOnce(application, false));
			measure("consent-inprocess", db, this::inProcessOnce);
			measure("consent-bulk-http", db, this::bulkHttpOnce);
			measure("consent-bulk-inprocess", db, this::bulkInProcessOnce);
			Double trivial = medians.get("http-trivial " + db.label());
			if (trivial != null) {
				for (String kind : List.of("consent-http", "consent-bulk-http", "consent-inprocess", "consent-bulk-inprocess")) {
					Double figure = medians.get(kind + " " + db.label());
					if (figure != null) {
						print(String.format(Locale.ROOT, "BENCH ratio %s %s/http-trivial=%.3f events_per_s=%.0f trivial_per_s=%.0f",
								db.label(), kind, figure / trivial, figure, trivial));
					}
				}
			}
		}
		BenchSupport.appendResults(lines);
		if (!failures.isEmpty()) {
			fail("Benchmark measurements failed (figures above):\n  " + String.join("\n  ", failures));
		}
	}

	/** Runs {@code measurement} {@code runs} times on fresh databases and prints each run and the medians. */
	private void measure(String kind, Db db, Function<Application, Run> measurement) {
		if (!only.isEmpty() && !only.contains(kind)) {
			return;
		}
		List<Run> done = new ArrayList<>();
		for (int run = 1; run <= runs; run++) {
			System.gc();
			try (Application application = Application.start(db, contactsCsv, contactCount, poolSize)) {
				Run r = measurement.apply(application);
				LedgerCheck check = application.verify();
				if (!check.ok() || check.events() != (kind.equals("http-trivial") ? 0 : r.recorded())) {
					throw new IllegalStateException("the ledger does not hold what was recorded: verify says ok="
							+ check.ok() + " events=" + check.events() + " (" + check.body() + "), " + r.recorded()
							+ " events were recorded");
				}
				done.add(r);
				print(String.format(Locale.ROOT,
						"BENCH %s %s run=%d/%d events=%d seconds=%.2f events_per_s=%.0f%s%s errors=%d verify_ok=%s verify_events=%d durability=%s load_1m=%.2f",
						kind, db.label(), run, runs, r.events(), r.seconds(), r.perSecond(), r.latencies(), r.cpu(), r.errors(),
						check.ok(), check.events(), application.durability(), load()));
				if (r.firstError() != null) {
					print("BENCH " + kind + " " + db.label() + " first_error=" + r.firstError());
				}
			}
			catch (RuntimeException | AssertionError e) {
				String why = e.getClass().getSimpleName() + ": " + e.getMessage();
				print(String.format(Locale.ROOT, "BENCH %s %s run=%d/%d FAILED %s", kind, db.label(), run, runs, why));
				e.printStackTrace();
				failures.add(kind + " " + db.label() + ": " + why);
				return;
			}
		}
		double perSecond = median(done.stream().map(Run::perSecond).toList());
		medians.put(kind + " " + db.label(), perSecond);
		double events = median(done.stream().map(r -> (double) r.events()).toList());
		String p50 = done.get(0).p50() == null ? ""
				: String.format(Locale.ROOT, " p50_ms=%.2f p99_ms=%.2f",
						median(done.stream().map(Run::p50).toList()),
						median(done.stream().map(Run::p99).toList()));
		print(String.format(Locale.ROOT,
				"BENCH %s %s runs=%d median events=%.0f seconds=%.2f events_per_s=%.0f%s errors=%d all_events_per_s=%s load_1m=%.2f",
				kind, db.label(), runs, events, median(done.stream().map(Run::seconds).toList()), perSecond, p50, done.stream().mapToLong(Run::errors).sum(),
				done.stream().map(r -> String.format(Locale.ROOT, "%.0f", r.perSecond())).collect(Collectors.joining(",", "[", "]")),
				load()));
	}

	/** {@code clients} threads, each with its own HTTP/1.1 keep-alive connection, POSTing single events. */
	private Run httpOnce(Application application, boolean trivial) {
		URI uri = URI.create(application.base + (trivial ? "/actuator/health" : "/api/v1/consents"));
		int expected = trivial ? 200 : 201;
		BenchSupport.Load load = BenchSupport.closedLoop("consent-client", clients, warmupSeconds, seconds, client -> {
			Alternation alternation = new Alternation(application.contactIds, client, clients);
			long[] sent = { 0 };
			return http -> {
				HttpRequest request = trivial ? HttpRequest.newBuilder(uri).GET().build()
						: HttpRequest.newBuilder(uri)
							.header("Authorization", "Bearer " + application.apiKey)
							.header("Content-Type", "application/json")
							.POST(HttpRequest.BodyPublishers
								.ofString(alternation.nextJson(application.noticeId, client, sent[0]++)))
							.build();
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() != expected) {
					return response.statusCode() + " " + response.body();
				}
				if (!trivial) {
					alternation.recorded();
				}
				return null;
			};
		});
		long[] all = load.sortedNanos();
		if (all.length == 0) {
			throw new IllegalStateException("no event was recorded in the measured window; first error: " + load.firstError());
		}
		return new Run(all.length, seconds, load.succeeded(), load.errors(), percentileMs(all, 0.50),
				percentileMs(all, 0.99), load.firstError());
	}

	/** One thread calling {@link ConsentManagement#record} in a loop: one transaction per event. */
	private Run inProcessOnce(Application application) {
		ConsentManagement consents = application.context.getBean(ConsentManagement.class);
		Alternation alternation = new Alternation(application.contactIds, 0, 1);
		long warmupEnd = System.nanoTime() + Duration.ofSeconds(warmupSeconds).toNanos();
		long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
		long recorded = 0;
		long counted = 0;
		long errors = 0;
		String firstError = null;
		while (true) {
			long now = System.nanoTime();
			if (now >= end) {
				break;
			}
			try {
				consents.record(application.tenant, alternation.nextCapture(application.noticeId, recorded));
				alternation.recorded();
				recorded++;
				if (System.nanoTime() >= warmupEnd) {
					counted++;
				}
			}
			catch (RuntimeException e) {
				errors++;
				if (firstError == null) {
					firstError = e.toString();
				}
			}
		}
		return new Run(counted, seconds, recorded, errors, null, null, firstError);
	}

	/**
	 * One client POSTing batches of {@code bulkBatch} answers one after the other: two batches of
	 * warm-up, then {@code bulkEvents} timed. The bodies are built before the clock starts.
	 */
	private Run bulkHttpOnce(Application application) {
		Alternation alternation = new Alternation(application.contactIds, 0, 1);
		int warmup = bulkWarmup;
		int batches = (bulkEvents + bulkBatch - 1) / bulkBatch;
		List<String> bodies = new ArrayList<>();
		long n = 0;
		for (int b = 0; b < warmup + batches; b++) {
			StringBuilder body = new StringBuilder(bulkBatch * 260).append("{\"events\":[");
			for (int i = 0; i < bulkBatch; i++) {
				body.append(i == 0 ? "" : ",").append(alternation.nextJson(application.noticeId, 0, n++));
				alternation.recorded();
			}
			bodies.add(body.append("]}").toString());
		}
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		URI uri = URI.create(application.base + "/api/v1/consents/batch");
		long recorded = 0;
		long counted = 0;
		long start = 0;
		List<Long> latencies = new ArrayList<>();
		for (int b = 0; b < bodies.size(); b++) {
			if (b == warmup) {
				start = System.nanoTime();
			}
			long sent = System.nanoTime();
			HttpRequest request = HttpRequest.newBuilder(uri)
				.header("Authorization", "Bearer " + application.apiKey)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(bodies.get(b)))
				.build();
			try {
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() != 201) {
					throw new IllegalStateException("batch " + b + " answered " + response.statusCode() + " "
							+ response.body().substring(0, Math.min(500, response.body().length())));
				}
				if (JSON.readTree(response.body()).path("recorded").asInt() != bulkBatch) {
					throw new IllegalStateException("batch " + b + " did not record every answer");
				}
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
			recorded += bulkBatch;
			if (b >= warmup) {
				counted += bulkBatch;
				latencies.add(System.nanoTime() - sent);
			}
		}
		double took = seconds(start);
		long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
		return new Run(counted, took, recorded, 0, percentileMs(sorted, 0.50), percentileMs(sorted, 0.99), null);
	}

	/** {@link ConsentManagement#recordAll} in a loop from one thread, as the endpoint calls it, without HTTP. */
	private Run bulkInProcessOnce(Application application) {
		ConsentManagement consents = application.context.getBean(ConsentManagement.class);
		Alternation alternation = new Alternation(application.contactIds, 0, 1);
		int warmup = bulkWarmup;
		int batches = (bulkEvents + bulkBatch - 1) / bulkBatch;
		List<List<ConsentCapture>> all = new ArrayList<>();
		long n = 0;
		for (int b = 0; b < warmup + batches; b++) {
			List<ConsentCapture> captures = new ArrayList<>(bulkBatch);
			for (int i = 0; i < bulkBatch; i++) {
				captures.add(alternation.nextCapture(application.noticeId, n++));
				alternation.recorded();
			}
			all.add(captures);
		}
		long recorded = 0;
		long counted = 0;
		long start = 0;
		long threadCpuStart = 0;
		long processCpuStart = 0;
		for (int b = 0; b < all.size(); b++) {
			if (b == warmup) {
				start = System.nanoTime();
				threadCpuStart = THREADS.getCurrentThreadCpuTime();
				processCpuStart = processCpuNanos();
			}
			int done = consents.recordAll(application.tenant, all.get(b)).size();
			recorded += done;
			if (b >= warmup) {
				counted += done;
			}
		}
		double seconds = seconds(start);
		// CPU time per event: less swayed than the rate by other work on a shared machine. The calling
		// thread does the append; the process adds the checkpoints, the compiler and the collector.
		String cpu = String.format(Locale.ROOT, " thread_cpu_us_per_event=%.2f process_cpu_us_per_event=%.2f",
				(THREADS.getCurrentThreadCpuTime() - threadCpuStart) / 1_000.0 / counted,
				(processCpuNanos() - processCpuStart) / 1_000.0 / counted);
		return new Run(counted, seconds, recorded, 0, null, null, null, cpu);
	}

	/**
	 * A client's own contacts (every {@code stride}-th from {@code first}), taken in turn; each gets a
	 * GRANT, then a WITHDRAW the next time round, so that every event changes the contact's state.
	 */
	private static final class Alternation {

		private final List<String> contacts = new ArrayList<>();

		private final boolean[] granted;

		private int next;

		Alternation(List<String> all, int first, int stride) {
			for (int i = first; i < all.size(); i += stride) {
				contacts.add(all.get(i));
			}
			if (contacts.isEmpty()) {
				throw new IllegalArgumentException("more clients than contacts");
			}
			granted = new boolean[contacts.size()];
		}

		String nextJson(String noticeId, int client, long n) {
			String contact = contacts.get(next);
			if (granted[next]) {
				return "{\"contactId\":\"" + contact + "\",\"channel\":\"SMS\",\"purpose\":\"" + PURPOSE
						+ "\",\"action\":\"WITHDRAW\",\"source\":\"API\"}";
			}
			return "{\"contactId\":\"" + contact + "\",\"channel\":\"SMS\",\"purpose\":\"" + PURPOSE
					+ "\",\"action\":\"GRANT\",\"source\":\"API\",\"noticeId\":\"" + noticeId
					+ "\",\"evidence\":{\"reference\":\"bench-" + client + "-" + n + "\",\"ip\":\"203.0.113.7\"}}";
		}

		ConsentCapture nextCapture(String noticeId, long n) {
			String contact = contacts.get(next);
			boolean grant = !granted[next];
			EvidenceFields evidence = grant ? new EvidenceFields(null, "203.0.113.7", null, null, null, null, null, null,
					null, null, null, null, "bench-" + n) : null;
			return new ConsentCapture(contact, null, null, List.of(Channel.SMS), List.of(PURPOSE),
					grant ? ConsentAction.GRANT : ConsentAction.WITHDRAW, ConsentSource.API, grant ? noticeId : null,
					null, evidence);
		}

		/** The last event asked for was recorded: the contact's state flipped; go to the next contact. */
		void recorded() {
			granted[next] = !granted[next];
			next = (next + 1) % contacts.size();
		}
	}

	/**
	 * One run: {@code events} recorded in the measured window of {@code seconds}, {@code recorded}
	 * in all (warm-up included: what the ledger must hold), latencies in ms (HTTP only).
	 */
	/** CPU time of the whole process so far: every thread, the compiler and the collector included. */
	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	private record Run(long events, double seconds, long recorded, long errors, Double p50, Double p99,
			String firstError, String cpu) {

		Run(long events, double seconds, long recorded, long errors, Double p50, Double p99, String firstError) {
			this(events, seconds, recorded, errors, p50, p99, firstError, "");
		}

		double perSecond() {
			return events / seconds;
		}

		String latencies() {
			return p50 == null ? "" : String.format(Locale.ROOT, " p50_ms=%.2f p99_ms=%.2f", p50, p99);
		}
	}

	private record LedgerCheck(boolean ok, long events, String body) {
	}

	private void print(String line) {
		System.out.println(line);
		lines.add(line);
	}

	/**
	 * The whole application, web server included, on 127.0.0.1 and a random port, on a fresh
	 * database, with a tenant, a purpose, its notice and contacts. Closing it deletes the database.
	 */
	private static final class Application implements AutoCloseable {

		final ConfigurableApplicationContext context;

		final String base;

		final TenantId tenant;

		final String apiKey;

		final String noticeId;

		final List<String> contactIds;

		private final Path dataDir;

		private final String postgresUrl;

		private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

		private Application(ConfigurableApplicationContext context, Path dataDir, String postgresUrl, Path contactsCsv,
				int contactCount) {
			this.context = context;
			this.dataDir = dataDir;
			this.postgresUrl = postgresUrl;
			this.base = "http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port");
			IssuedTenant issued = context.getBean(TenantManagement.class)
				.create(new NewTenant("Bench " + dataDir.getFileName(), "FR", "Europe/Paris", "FR"));
			this.tenant = issued.tenant().id();
			this.apiKey = issued.apiKey();
			PurposeManagement purposes = context.getBean(PurposeManagement.class);
			purposes.define(tenant, PURPOSE, "Newsletter", "News and offers by SMS and email", PurposeKind.MARKETING,
					true);
			this.noticeId = purposes.publish(tenant, PURPOSE, "fr", "J'accepte de recevoir la lettre d'information.")
				.notice()
				.id();
			ImportSummary imported = context.getBean(ContactImporter.class)
				.importContacts(tenant, contactsCsv, new ImportSource(contactsCsv.getFileName().toString(),
						"Benchmark: contacts to record consent for", Map.of()), ImportProgress.NONE);
			this.contactIds = JdbcClient.create(context.getBean(DataSource.class))
				.sql("SELECT contact_id FROM contact WHERE tenant_id = ? ORDER BY contact_id")
				.param(tenant.value())
				.query(String.class)
				.list();
			if (contactIds.size() != contactCount) {
				throw new IllegalStateException("expected " + contactCount + " contacts, the import made "
						+ contactIds.size() + ": " + imported);
			}
		}

		static Application start(Db db, Path contactsCsv, int contactCount, int poolSize) {
			Path dataDir;
			try {
				dataDir = Files.createTempDirectory(Files.createDirectories(BENCH_DIR), "consent-" + db.label() + "-");
			}
			catch (IOException e) {
				throw new UncheckedIOException("Cannot create a data folder in " + BENCH_DIR, e);
			}
			List<String> args = new ArrayList<>(List.of("--optinel.data-dir=" + dataDir.toAbsolutePath(),
					// the trivial endpoint: health without its database and disk checks
					"--management.health.defaults.enabled=false",
					// a batch of 5,000 answers is about 1.3 MB, above the default JSON body limit of 1 MB
					"--optinel.web.max-json-body=32MB",
					"--optinel.tenancy.bootstrap-tenant=Bootstrap",
					"--optinel.tenancy.bootstrap-api-key=bench-" + java.util.UUID.randomUUID(),
					"--server.address=127.0.0.1", "--server.port=0", "--logging.level.org.optinel=WARN"));
			String postgresUrl = null;
			if (db == Db.SQLITE) {
				args.add("--spring.datasource.url=" + Databases.newSqliteUrl(dataDir.toAbsolutePath()));
			}
			else {
				postgresUrl = Databases.newPostgresUrl();
				args.add("--spring.datasource.url=" + postgresUrl);
				args.add("--spring.datasource.username=postgres");
				args.add("--spring.datasource.password=postgres");
			}
			if (poolSize > 0) {
				args.add("--spring.datasource.hikari.maximum-pool-size=" + poolSize);
			}
			ConfigurableApplicationContext context = new SpringApplicationBuilder(OptinelApplication.class)
				.web(WebApplicationType.SERVLET)
				.bannerMode(Banner.Mode.OFF)
				.logStartupInfo(false)
				.run(args.toArray(String[]::new));
			try {
				return new Application(context, dataDir, postgresUrl, contactsCsv, contactCount);
			}
			catch (RuntimeException e) {
				context.close();
				throw e;
			}
		}

		/** {@code GET /api/v1/ledger/verify}, as a caller sees it. */
		LedgerCheck verify() {
			HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/ledger/verify"))
				.header("Authorization", "Bearer " + apiKey)
				.GET()
				.build();
			try {
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() != 200) {
					return new LedgerCheck(false, -1, response.statusCode() + " " + response.body());
				}
				JsonNode json = JSON.readTree(response.body());
				return new LedgerCheck(json.path("ok").asBoolean(), json.path("eventsChecked").asLong(-1), response.body());
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
		}

		/** What a commit waits for: SQLite's synchronous mode, PostgreSQL's synchronous_commit and fsync. */
		String durability() {
			try (Connection connection = context.getBean(DataSource.class).getConnection();
					Statement statement = connection.createStatement()) {
				if (postgresUrl == null) {
					try (ResultSet rs = statement.executeQuery("PRAGMA synchronous")) {
						rs.next();
						return "synchronous=" + List.of("OFF", "NORMAL", "FULL", "EXTRA").get(rs.getInt(1));
					}
				}
				String commit;
				try (ResultSet rs = statement.executeQuery("SHOW synchronous_commit")) {
					rs.next();
					commit = rs.getString(1);
				}
				try (ResultSet rs = statement.executeQuery("SHOW fsync")) {
					rs.next();
					return "synchronous_commit=" + commit + ",fsync=" + rs.getString(1);
				}
			}
			catch (java.sql.SQLException e) {
				return "unknown(" + e.getMessage() + ")";
			}
		}

		@Override
		public void close() {
			context.close();
			if (postgresUrl != null) {
				Databases.dropPostgres(postgresUrl);
			}
			try (Stream<Path> files = Files.walk(dataDir)) {
				for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(file);
				}
			}
			catch (IOException e) {
				throw new UncheckedIOException("Cannot delete " + dataDir, e);
			}
		}
	}
}
