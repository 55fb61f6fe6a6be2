package org.optinel.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.optinel.OptinelApplication;
import org.optinel.contacts.ContactImporter;
import org.optinel.contacts.ImportProgress;
import org.optinel.contacts.ImportSource;
import org.optinel.contacts.ImportSummary;
import org.optinel.core.Ids;
import org.optinel.core.PhoneNumbers;
import org.optinel.core.TenantId;
import org.optinel.tenancy.NewTenant;
import org.optinel.tenancy.TenantManagement;
import org.optinel.testing.Databases;

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
import static org.optinel.bench.BenchSupport.positive;
import static org.optinel.bench.BenchSupport.seconds;

/**
 * How fast a CSV of French contacts is imported, and how far that is from the bare batched insert
 * of the same rows on the same database and driver. Prints figures ({@code BENCH ...} lines, also
 * appended to {@code target/bench/results.txt}); asserts nothing about time. See bench/README.md.
 *
 * <p>Each run starts the application on a fresh database (not timed), creates a tenant, and times
 * only the import, or only the insert. A measurement that fails is reported and the benchmark goes
 * on; the test fails at the end if any did, or if an import did not write every row.
 *
 * <p>System properties: {@code bench.rows} (default 1,000,000), {@code bench.runs} (default 3),
 * {@code bench.db} ({@code sqlite}, {@code postgresql} or {@code both}, the default),
 * {@code bench.rows-per-transaction} (default 50,000, for both), {@code bench.sqlite-cache-mb}
 * (page cache of the bare insert on SQLite, default 256 like the importer; 0 for the connection's default).
 */
@Tag("benchmark")
class ImportBenchmark {

	private static final String ZONE = "Europe/Paris";

	private final int rows = positive("bench.rows", 1_000_000);

	private final int runs = positive("bench.runs", 3);

	/** Contacts per transaction, for the bare insert and the importer alike (optinel.contacts.import-batch-size). */
	private final int rowsPerTransaction = positive("bench.rows-per-transaction", 50_000);

	private final Set<Db> databases = databases(System.getProperty("bench.db", "both"));

	/** Page cache of the bare insert's SQLite connection; 0 keeps the connection's default (about 2 MB). */
	private final int sqliteCacheMb = natural("bench.sqlite-cache-mb", 256);

	private final List<String> lines = new ArrayList<>();

	private final List<String> failures = new ArrayList<>();

	private List<BareInsert.Row> normalised;

	@Test
	void importsFrenchContactsAndComparesWithTheBareInsert() {
		print(String.format(Locale.ROOT,
				"BENCH setup rows=%d runs=%d db=%s rows_per_transaction=%d cores=%d java=%s max_heap_mb=%d load_1m=%.1f",
				rows, runs, databases.stream().map(Db::label).collect(Collectors.joining(",")), rowsPerTransaction,
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
				Runtime.getRuntime().maxMemory() >> 20, load()));
		long start = System.nanoTime();
		ContactCsvGenerator.Written csv = new ContactCsvGenerator(ContactCsvGenerator.DEFAULT_SEED)
			.write(BENCH_DIR.resolve("contacts-" + rows + ".csv"), rows);
		print(String.format(Locale.ROOT, "BENCH csv file=%s rows=%d purchases=%d bytes=%d generated_seconds=%.2f",
				csv.file(), csv.rows(), csv.purchases(), csv.bytes(), seconds(start)));
		for (Db db : databases) {
			double imported = measure("import", db, () -> importOnce(db, csv));
			double bare = measure("bare", db, () -> bareInsertOnce(db, csv));
			if (Double.isNaN(imported) || Double.isNaN(bare)) {
				print("BENCH ratio " + db.label() + " import/bare=unavailable (a measurement failed)");
			}
			else {
				print(String.format(Locale.ROOT, "BENCH ratio %s import/bare=%.2f import_seconds=%.2f bare_seconds=%.2f",
						db.label(), imported / bare, imported, bare));
			}
		}
		BenchSupport.appendResults(lines);
		if (!failures.isEmpty()) {
			fail("Benchmark measurements failed (figures above):\n  " + String.join("\n  ", failures));
		}
	}

	/** Runs {@code measurement} {@code runs} times; returns the median seconds, NaN if it failed. */
	private double measure(String kind, Db db, Measurement measurement) {
		List<Double> seconds = new ArrayList<>();
		for (int run = 1; run <= runs; run++) {
			System.gc();
			try {
				Timed timed = measurement.run();
				seconds.add(timed.seconds());
				print(String.format(Locale.ROOT, "BENCH %s %s rows=%d run=%d/%d seconds=%.2f rows_per_s=%.0f%s load_1m=%.1f",
						kind, db.label(), rows, run, runs, timed.seconds(), rows / timed.seconds(), timed.detail(),
						load()));
			}
			catch (Exception | AssertionError e) {
				String why = e.getClass().getSimpleName() + ": " + e.getMessage();
				print(String.format(Locale.ROOT, "BENCH %s %s rows=%d run=%d/%d FAILED %s", kind, db.label(), rows, run,
						runs, why));
				if (!(e instanceof UnsupportedOperationException)) {
					e.printStackTrace();
				}
				failures.add(kind + " " + db.label() + ": " + why);
				return Double.NaN; // the other runs would fail the same way
			}
		}
		double median = median(seconds);
		print(String.format(Locale.ROOT, "BENCH %s %s rows=%d runs=%d median_seconds=%.2f rows_per_s=%.0f all_seconds=%s",
				kind, db.label(), rows, runs, median, rows / median,
				seconds.stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).collect(Collectors.joining(",", "[", "]"))));
		return median;
	}

	private Timed importOnce(Db db, ContactCsvGenerator.Written csv) {
		try (Application application = Application.start(db, rowsPerTransaction)) {
			TenantId tenant = application.newTenant();
			ContactImporter importer = application.context.getBean(ContactImporter.class);
			ImportSource source = new ImportSource(csv.file().getFileName().toString(),
					"Benchmark: generated French contacts", Map.of());
			long start = System.nanoTime();
			ImportSummary summary = importer.importContacts(tenant, csv.file(), source, ImportProgress.NONE);
			double seconds = seconds(start);
			if (summary.rowsRead() != rows || summary.accepted() != rows || summary.contactsCreated() != rows
					|| summary.activitiesAdded() != csv.purchases()) {
				throw new IllegalStateException("the import did not take every row of a valid file: expected " + rows
						+ " rows read, accepted and created and " + csv.purchases() + " activities added, got " + summary);
			}
			application.checkWritten(tenant, rows, csv.purchases());
			return new Timed(seconds, String.format(Locale.ROOT, " importer_seconds=%.2f importer_rows_per_s=%.0f",
					summary.took().toMillis() / 1000.0, summary.rowsPerSecond()));
		}
	}

	private Timed bareInsertOnce(Db db, ContactCsvGenerator.Written csv) throws Exception {
		if (normalised == null) {
			long start = System.nanoTime();
			normalised = BareInsert.normalise(csv.file(), new PhoneNumbers(), new Ids(Clock.systemUTC()), ZoneId.of(ZONE));
			print(String.format(Locale.ROOT, "BENCH prenormalise rows=%d seconds=%.2f (not timed in the bare insert)",
					normalised.size(), seconds(start)));
		}
		try (Application application = Application.start(db, rowsPerTransaction)) {
			TenantId tenant = application.newTenant();
			String importId = UUID.randomUUID().toString();
			long now = System.currentTimeMillis();
			double seconds;
			long activities;
			try (Connection connection = application.context.getBean(DataSource.class).getConnection()) {
				if (db == Db.SQLITE) {
					// The same connection settings as the importer's own SQLite connection: no fsync at
					// commit in WAL mode, checkpoints deferred to the end (timed below), a large page cache.
					try (Statement statement = connection.createStatement()) {
						statement.execute("PRAGMA synchronous = NORMAL");
						statement.execute("PRAGMA wal_autocheckpoint = 0");
						if (sqliteCacheMb > 0) {
							statement.execute("PRAGMA cache_size = -" + sqliteCacheMb * 1024L);
						}
					}
				}
				long start = System.nanoTime();
				activities = BareInsert.insert(connection, tenant.value(), importId, normalised, now, rowsPerTransaction);
				if (db == Db.SQLITE) {
					try (Statement statement = connection.createStatement()) {
						statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
						statement.execute("PRAGMA wal_autocheckpoint = 1000");
						statement.execute("PRAGMA synchronous = FULL");
					}
				}
				seconds = seconds(start);
			}
			if (activities != csv.purchases()) {
				throw new IllegalStateException("wrote " + activities + " activities, the file has " + csv.purchases());
			}
			application.checkWritten(tenant, rows, csv.purchases());
			return new Timed(seconds, String.format(Locale.ROOT, " rows_per_transaction=%d%s", rowsPerTransaction,
					db == Db.SQLITE ? " sqlite_cache_mb=" + (sqliteCacheMb > 0 ? sqliteCacheMb : "default") : ""));
		}
	}

	private void print(String line) {
		System.out.println(line);
		lines.add(line);
	}

	static Set<Db> databases(String selector) {
		Set<Db> selected = new LinkedHashSet<>();
		for (String name : selector.toLowerCase(Locale.ROOT).split(",")) {
			switch (name.strip()) {
				case "both", "all" -> {
					selected.add(Db.SQLITE);
					selected.add(Db.POSTGRESQL);
				}
				case "sqlite" -> selected.add(Db.SQLITE);
				case "postgresql", "postgres", "pg" -> selected.add(Db.POSTGRESQL);
				default -> throw new IllegalArgumentException(
						"bench.db must be sqlite, postgresql or both (or a comma-separated list), was '" + selector + "'");
			}
		}
		return selected;
	}

	/** The databases the benchmark runs on. */
	enum Db {

		SQLITE("sqlite"), POSTGRESQL("postgresql");

		private final String label;

		Db(String label) {
			this.label = label;
		}

		String label() {
			return label;
		}
	}

	@FunctionalInterface
	private interface Measurement {

		Timed run() throws Exception;
	}

	/** Seconds of one run and what else it reported. */
	private record Timed(double seconds, String detail) {
	}

	/**
	 * The application, without its web server, on a fresh database: a new SQLite file under
	 * target/bench (a real disk, like production), or a new database in the embedded PostgreSQL
	 * server. Closing it deletes the database.
	 */
	private static final class Application implements AutoCloseable {

		final ConfigurableApplicationContext context;

		private final Path dataDir;

		private final String postgresUrl;

		private Application(ConfigurableApplicationContext context, Path dataDir, String postgresUrl) {
			this.context = context;
			this.dataDir = dataDir;
			this.postgresUrl = postgresUrl;
		}

		static Application start(Db db, int rowsPerTransaction) {
			Path dataDir;
			try {
				dataDir = Files.createTempDirectory(Files.createDirectories(BENCH_DIR), db.label() + "-");
			}
			catch (IOException e) {
				throw new UncheckedIOException("Cannot create a data folder in " + BENCH_DIR, e);
			}
			List<String> args = new ArrayList<>(List.of("--optinel.data-dir=" + dataDir.toAbsolutePath(),
					// A scripted first tenant, so that start-up prints no generated key.
					"--optinel.tenancy.bootstrap-tenant=Bootstrap",
					"--optinel.tenancy.bootstrap-api-key=bench-" + UUID.randomUUID(),
					"--optinel.contacts.import-batch-size=" + rowsPerTransaction, "--logging.level.org.optinel=WARN"));
			String postgresUrl = null;
			if (db == Db.SQLITE) {
				args.add("--spring.datasource.url=" + Databases.newSqliteUrl(dataDir.toAbsolutePath()));
			}
			else {
				// Without it the driver sends a batch one row at a time (PERFORMANCE.md).
				postgresUrl = Databases.newPostgresUrl() + "&reWriteBatchedInserts=true";
				args.add("--spring.datasource.url=" + postgresUrl);
				args.add("--spring.datasource.username=postgres");
				args.add("--spring.datasource.password=postgres");
			}
			ConfigurableApplicationContext context = new SpringApplicationBuilder(OptinelApplication.class)
				.web(WebApplicationType.NONE)
				.bannerMode(Banner.Mode.OFF)
				.logStartupInfo(false)
				.run(args.toArray(String[]::new));
			return new Application(context, dataDir, postgresUrl);
		}

		TenantId newTenant() {
			return context.getBean(TenantManagement.class)
				.create(new NewTenant("Bench " + dataDir.getFileName(), "FR", ZONE, "FR"))
				.tenant()
				.id();
		}

		/** Counts what the tenant has, outside the timed part: a benchmark that wrote nothing proves nothing. */
		void checkWritten(TenantId tenant, long contacts, long activities) {
			JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));
			long contactRows = jdbc.sql("SELECT count(*) FROM contact WHERE tenant_id = ?")
				.param(tenant.value())
				.query(Long.class)
				.single();
			long activityRows = jdbc.sql("SELECT count(*) FROM activity WHERE tenant_id = ?")
				.param(tenant.value())
				.query(Long.class)
				.single();
			if (contactRows != contacts || activityRows != activities) {
				throw new IllegalStateException("the database holds " + contactRows + " contacts and " + activityRows
						+ " activities, expected " + contacts + " and " + activities);
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
