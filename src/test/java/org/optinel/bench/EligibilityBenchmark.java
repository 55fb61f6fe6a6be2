package org.optinel.bench;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.optinel.OptinelApplication;
import org.optinel.bench.ImportBenchmark.Db;
import org.optinel.consent.PurposeKind;
import org.optinel.consent.PurposeManagement;
import org.optinel.contacts.ContactImporter;
import org.optinel.contacts.ImportProgress;
import org.optinel.contacts.ImportSource;
import org.optinel.core.Channel;
import org.optinel.core.TenantId;
import org.optinel.eligibility.EligibilityIndex;
import org.optinel.eligibility.EligibilityManagement;
import org.optinel.tenancy.IssuedTenant;
import org.optinel.tenancy.NewTenant;
import org.optinel.tenancy.TenantManagement;
import org.optinel.testing.Databases;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.optinel.bench.BenchSupport.BENCH_DIR;
import static org.optinel.bench.BenchSupport.load;
import static org.optinel.bench.BenchSupport.median;
import static org.optinel.bench.BenchSupport.natural;
import static org.optinel.bench.BenchSupport.positive;

/**
 * Eligibility decisions through HTTP (keep-alive clients) against a trivial endpoint of the same
 * server in the same run, and the audience over the whole base. The base is imported through the
 * CSV import; a quarter of it is given an SMS consent state directly in SQL, to be quick.
 */
@Tag("benchmark")
class EligibilityBenchmark {

	private final int runs = positive("bench.runs", 3);

	private final int seconds = positive("bench.eligibility.seconds", 15);

	private final int warmupSeconds = natural("bench.eligibility.warmup-seconds", 5);

	private final int clients = positive("bench.eligibility.clients", 16);

	private final int contactCount = positive("bench.eligibility.contacts", 1_000_000);

	private final Set<Db> databases = ImportBenchmark.databases(System.getProperty("bench.db", "sqlite"));

	private final List<String> lines = new ArrayList<>();

	/** A Tuesday noon in Paris, inside every French window. */
	private static final Instant AT = Instant.parse("2025-06-17T10:00:00Z");

	@Test
	void decidesThroughHttpAndSelectsTheAudience() throws Exception {
		print(String.format(Locale.ROOT, "BENCH setup eligibility contacts=%d clients=%d seconds=%d runs=%d cores=%d load_1m=%.2f",
				contactCount, clients, seconds, runs, Runtime.getRuntime().availableProcessors(), load()));
		Path csv = new ContactCsvGenerator(ContactCsvGenerator.DEFAULT_SEED)
			.write(BENCH_DIR.resolve("eligibility-contacts-" + contactCount + ".csv"), contactCount)
			.file();
		for (Db db : databases) {
			Path dataDir = Files.createTempDirectory(Files.createDirectories(BENCH_DIR), "eligibility-" + db.label() + "-");
			String postgresUrl = db == Db.SQLITE ? null : Databases.newPostgresUrl();
			try (ConfigurableApplicationContext context = start(db, dataDir, postgresUrl)) {
				run(db, context, csv);
			}
			finally {
				if (postgresUrl != null) {
					Databases.dropPostgres(postgresUrl);
				}
				try (Stream<Path> files = Files.walk(dataDir)) {
					for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
						Files.delete(f);
					}
				}
			}
		}
		BenchSupport.appendResults(lines);
	}

	private void run(Db db, ConfigurableApplicationContext context, Path csv) {
		IssuedTenant issued = context.getBean(TenantManagement.class)
			.create(new NewTenant("Bench eligibility", "FR", "Europe/Paris", "FR"));
		TenantId tenant = issued.tenant().id();
		context.getBean(PurposeManagement.class)
			.define(tenant, "promotions", "Promotions", "Offers", PurposeKind.MARKETING, true);
		long start = System.nanoTime();
		context.getBean(ContactImporter.class)
			.importContacts(tenant, csv, new ImportSource(csv.getFileName().toString(), "Benchmark", Map.of()),
					ImportProgress.NONE);
		JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));
		int granted = jdbc.sql("INSERT INTO consent_state (tenant_id, contact_id, channel, purpose_key, status, since, seq) "
				+ "SELECT tenant_id, contact_id, 'SMS', 'promotions', 'GRANTED', created_at, 0 FROM contact "
				+ "WHERE tenant_id = ? AND substr(contact_id, 36, 1) IN ('0', '1', '2', '3')")
			.param(tenant.value())
			.update();
		List<String> ids = jdbc.sql("SELECT contact_id FROM contact WHERE tenant_id = ?")
			.param(tenant.value())
			.query(String.class)
			.list();
		print(String.format(Locale.ROOT, "BENCH eligibility-setup %s contacts=%d sms_consents=%d seconds=%.1f", db.label(),
				ids.size(), granted, BenchSupport.seconds(start)));

		Runtime rt = Runtime.getRuntime();
		System.gc();
		long heapBefore = rt.totalMemory() - rt.freeMemory();
		EligibilityIndex.LoadReport report = context.getBean(EligibilityIndex.class).loadNow(tenant);
		System.gc();
		long heapAfter = rt.totalMemory() - rt.freeMemory();
		print(String.format(Locale.ROOT, "BENCH eligibility-index-load %s contacts=%d ms=%d heap_delta_mb=%.0f", db.label(),
				report.contacts(), report.millis(), (heapAfter - heapBefore) / 1e6));

		String base = "http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port");
		String key = issued.apiKey();
		URI trivial = URI.create(base + "/api/v1/eligibility/windows");
		String[] decisionUris = ids.stream()
			.map(id -> base + "/api/v1/eligibility?contactId=" + id + "&channel=SMS&purpose=promotions&at=" + AT)
			.toArray(String[]::new);
		List<Double> trivialRates = new ArrayList<>();
		List<Double> decisionRates = new ArrayList<>();
		List<Double> decisionP99 = new ArrayList<>();
		for (int r = 1; r <= runs; r++) {
			double[] t = http(key, i -> trivial);
			double[] d = http(key, i -> URI.create(decisionUris[ThreadLocalRandom.current().nextInt(decisionUris.length)]));
			trivialRates.add(t[0]);
			decisionRates.add(d[0]);
			decisionP99.add(d[2]);
			print(String.format(Locale.ROOT,
					"BENCH eligibility-http %s run=%d trivial_per_s=%.0f trivial_p99_ms=%.2f decisions_per_s=%.0f p50_ms=%.2f p99_ms=%.2f errors=%.0f load_1m=%.2f",
					db.label(), r, t[0], t[2], d[0], d[1], d[2], d[3] + t[3], load()));
		}
		print(String.format(Locale.ROOT,
				"BENCH eligibility-http %s median decisions_per_s=%.0f p99_ms=%.2f trivial_per_s=%.0f ratio=%.2f", db.label(),
				median(decisionRates), median(decisionP99), median(trivialRates),
				median(decisionRates) / median(trivialRates)));

		EligibilityManagement eligibility = context.getBean(EligibilityManagement.class);
		List<Double> audience = new ArrayList<>();
		long size = 0;
		for (int r = 1; r <= runs; r++) {
			long s = System.nanoTime();
			size = eligibility.audience(tenant, Channel.SMS, "promotions", AT, id -> {
			});
			audience.add(BenchSupport.seconds(s));
		}
		print(String.format(Locale.ROOT, "BENCH eligibility-audience %s contacts=%d audience=%d median_s=%.3f all=%s",
				db.label(), ids.size(), size, median(audience), audience));
	}

	/** {@code clients} threads with one keep-alive connection each; answers {per second, p50 ms, p99 ms, errors}. */
	private double[] http(String key, IntFunction<URI> uris) {
		BenchSupport.Load load = BenchSupport.closedLoop("eligibility-client", clients, warmupSeconds, seconds, client -> {
			int[] i = { 0 };
			return http -> {
				HttpRequest request = HttpRequest.newBuilder(uris.apply(i[0]++))
					.header("Authorization", "Bearer " + key)
					.GET()
					.build();
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
				return response.statusCode() == 200 ? null : response.statusCode() + " " + response.body();
			};
		});
		if (load.firstError() != null) {
			print("BENCH eligibility-http first_error=" + load.firstError());
		}
		long[] all = load.sortedNanos();
		if (all.length == 0) {
			throw new IllegalStateException("no answer in the measured window; first error: " + load.firstError());
		}
		return new double[] { all.length / (double) seconds, BenchSupport.percentileMs(all, 0.50),
				BenchSupport.percentileMs(all, 0.99), load.errors() };
	}

	private static ConfigurableApplicationContext start(Db db, Path dataDir, String postgresUrl) {
		List<String> args = new ArrayList<>(List.of("--optinel.data-dir=" + dataDir.toAbsolutePath(),
				"--optinel.tenancy.bootstrap-tenant=Bootstrap",
				"--optinel.tenancy.bootstrap-api-key=bench-" + java.util.UUID.randomUUID(), "--server.address=127.0.0.1",
				"--server.port=0", "--logging.level.org.optinel=WARN"));
		if (db == Db.SQLITE) {
			args.add("--spring.datasource.url=" + Databases.newSqliteUrl(dataDir.toAbsolutePath()));
		}
		else {
			args.add("--spring.datasource.url=" + postgresUrl);
			args.add("--spring.datasource.username=postgres");
			args.add("--spring.datasource.password=postgres");
		}
		return new SpringApplicationBuilder(OptinelApplication.class).web(WebApplicationType.SERVLET)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.run(args.toArray(String[]::new));
	}

	private void print(String line) {
		System.out.println(line);
		lines.add(line);
	}
}
