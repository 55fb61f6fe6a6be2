package org.optinel.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
import org.optinel.eligibility.FrenchHolidays;
import org.optinel.messaging.outbox.NewMessage;
import org.optinel.messaging.outbox.Origin;
import org.optinel.messaging.outbox.Outbox;
import org.optinel.messaging.smpp.TestSmsc;
import org.optinel.tenancy.IssuedTenant;
import org.optinel.tenancy.NewTenant;
import org.optinel.tenancy.TenantManagement;
import org.optinel.testing.Databases;
import org.optinel.testing.TestClock;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.optinel.bench.BenchSupport.BENCH_DIR;
import static org.optinel.bench.BenchSupport.load;
import static org.optinel.bench.BenchSupport.median;
import static org.optinel.bench.BenchSupport.positive;

/**
 * Marketing SMS through the whole outbox to a real SMPP server on loopback: claim, the eligibility
 * decision right before sending (under the recipient locks), {@code submit_sm} through a window,
 * the outcome recorded. Each run queues one message per contact, all due at once, and measures
 * from the moment they fall due to the last one SENT.
 */
@Tag("benchmark")
class OutboxSmsBenchmark {

	private final int runs = positive("bench.runs", 3);

	private final int contactCount = positive("bench.sms.contacts", 20_000);

	private final int window = positive("bench.sms.window", 16);

	private final int concurrency = positive("bench.sms.concurrency", 32);

	private final Set<Db> databases = ImportBenchmark.databases(System.getProperty("bench.db", "sqlite"));

	private final List<String> lines = new ArrayList<>();

	@Test
	void sendsThroughTheOutboxToAnSmsc() throws Exception {
		print(String.format(Locale.ROOT,
				"BENCH setup outbox-sms contacts=%d window=%d concurrency=%d runs=%d cores=%d load_1m=%.2f", contactCount,
				window, concurrency, runs, Runtime.getRuntime().availableProcessors(), load()));
		Path csv = new ContactCsvGenerator(ContactCsvGenerator.DEFAULT_SEED)
			.write(BENCH_DIR.resolve("outbox-contacts-" + contactCount + ".csv"), contactCount)
			.file();
		for (Db db : databases) {
			Path dataDir = Files.createTempDirectory(Files.createDirectories(BENCH_DIR), "outbox-" + db.label() + "-");
			String postgresUrl = db == Db.SQLITE ? null : Databases.newPostgresUrl();
			try (TestSmsc smsc = new TestSmsc();
					ConfigurableApplicationContext context = start(db, dataDir, postgresUrl, smsc)) {
				run(db, context, csv, smsc);
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

	private void run(Db db, ConfigurableApplicationContext context, Path csv, TestSmsc smsc) throws Exception {
		TestClock clock = context.getBean(TestClock.class);
		LocalDate tuesday = LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.next(DayOfWeek.TUESDAY));
		while (FrenchHolidays.isHoliday(tuesday)) {
			tuesday = tuesday.plusWeeks(1);
		}
		clock.advance(Duration.between(clock.instant(), tuesday.atTime(8, 0).toInstant(ZoneOffset.UTC)));
		IssuedTenant issued = context.getBean(TenantManagement.class)
			.create(new NewTenant("Bench outbox", "FR", "Europe/Paris", "FR"));
		TenantId tenant = issued.tenant().id();
		context.getBean(PurposeManagement.class)
			.define(tenant, "promotions", "Promotions", "Offers", PurposeKind.MARKETING, true);
		context.getBean(ContactImporter.class)
			.importContacts(tenant, csv, new ImportSource(csv.getFileName().toString(), "Benchmark", Map.of()),
					ImportProgress.NONE);
		JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));
		jdbc.sql("INSERT INTO consent_state (tenant_id, contact_id, channel, purpose_key, status, since, seq) "
				+ "SELECT tenant_id, contact_id, 'SMS', 'promotions', 'GRANTED', created_at, 0 FROM contact "
				+ "WHERE tenant_id = ? AND phone IS NOT NULL")
			.param(tenant.value())
			.update();
		List<String[]> recipients = jdbc.sql("SELECT contact_id, phone FROM contact WHERE tenant_id = ? AND phone IS NOT NULL")
			.param(tenant.value())
			.query((rs, row) -> new String[] { rs.getString(1), rs.getString(2) })
			.list();
		context.getBean(EligibilityIndex.class).loadNow(tenant);
		Outbox outbox = context.getBean(Outbox.class);
		TransactionTemplate tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
		List<Double> rates = new ArrayList<>();
		for (int r = 1; r <= runs; r++) {
			int before = smsc.submissions().size();
			Instant due = clock.instant().plus(Duration.ofHours(1));
			int round = r;
			long enqueueStart = System.nanoTime();
			tx.executeWithoutResult(status -> {
				for (String[] c : recipients) {
					outbox.enqueue(new NewMessage(tenant, Channel.SMS, c[1], c[0], "promotions", true, Origin.API, null,
							null, "OPTINEL", null, null, "Offre " + round + " : -20% ce mardi. STOP au 36111", null, due,
							null));
				}
			});
			double enqueueSeconds = BenchSupport.seconds(enqueueStart);
			long start = System.nanoTime();
			clock.advance(Duration.ofHours(1).plusSeconds(1));
			while (smsc.submissions().size() - before < recipients.size()) {
				Thread.sleep(5);
				if (BenchSupport.seconds(start) > 600) {
					throw new IllegalStateException("not all sent after 10 minutes: "
							+ (smsc.submissions().size() - before) + " of " + recipients.size());
				}
			}
			double seconds = BenchSupport.seconds(start);
			// Wait for the outcomes to be recorded before the next run.
			long sent;
			do {
				Thread.sleep(20);
				sent = jdbc.sql("SELECT COUNT(*) FROM outbox_message WHERE tenant_id = ? AND state = 'SENT'")
					.param(tenant.value())
					.query(Long.class)
					.single();
			}
			while (sent < (long) recipients.size() * r);
			double recorded = BenchSupport.seconds(start);
			double rate = recipients.size() / seconds;
			rates.add(rate);
			print(String.format(Locale.ROOT,
					"BENCH outbox-sms %s run=%d messages=%d enqueue_s=%.1f submit_s=%.2f sms_per_s=%.0f recorded_s=%.2f load_1m=%.2f",
					db.label(), r, recipients.size(), enqueueSeconds, seconds, rate, recorded, load()));
			clock.advance(Duration.ofMinutes(1));
		}
		print(String.format(Locale.ROOT, "BENCH outbox-sms %s median sms_per_s=%.0f all=%s", db.label(), median(rates),
				rates.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList()));
	}

	private ConfigurableApplicationContext start(Db db, Path dataDir, String postgresUrl, TestSmsc smsc) {
		List<String> args = new ArrayList<>(List.of("--optinel.data-dir=" + dataDir.toAbsolutePath(),
				"--optinel.tenancy.bootstrap-tenant=Bootstrap",
				"--optinel.tenancy.bootstrap-api-key=bench-" + java.util.UUID.randomUUID(), "--server.address=127.0.0.1",
				"--server.port=0", "--logging.level.org.optinel=WARN", "--optinel.sms.provider=smpp",
				"--optinel.sms.smpp.host=127.0.0.1", "--optinel.sms.smpp.port=" + smsc.port(),
				"--optinel.sms.smpp.system-id=" + TestSmsc.SYSTEM_ID, "--optinel.sms.smpp.password=" + TestSmsc.PASSWORD,
				"--optinel.sms.smpp.window=" + window, "--optinel.outbox.sms.concurrency=" + concurrency,
				"--optinel.outbox.sms.in-flight=" + Math.max(concurrency, 512), "--optinel.outbox.sms.poll=100ms"));
		if (db == Db.SQLITE) {
			args.add("--spring.datasource.url=" + Databases.newSqliteUrl(dataDir.toAbsolutePath()));
		}
		else {
			args.add("--spring.datasource.url=" + postgresUrl);
			args.add("--spring.datasource.username=postgres");
			args.add("--spring.datasource.password=postgres");
		}
		return new SpringApplicationBuilder(OptinelApplication.class, TestClock.Configuration.class)
			.web(WebApplicationType.SERVLET)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.run(args.toArray(String[]::new));
	}

	private void print(String line) {
		System.out.println(line);
		lines.add(line);
	}
}
