package org.optinel.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
import org.optinel.campaigns.Campaign;
import org.optinel.campaigns.CampaignDefinition;
import org.optinel.campaigns.CampaignManagement;
import org.optinel.campaigns.ChannelPlan;
import org.optinel.campaigns.Preview;
import org.optinel.consent.PurposeKind;
import org.optinel.consent.PurposeManagement;
import org.optinel.contacts.ContactImporter;
import org.optinel.contacts.ImportProgress;
import org.optinel.contacts.ImportSource;
import org.optinel.eligibility.EligibilityIndex;
import org.optinel.messaging.sender.NewSenderProfile;
import org.optinel.messaging.sender.SenderProfileManagement;
import org.optinel.core.TenantId;
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
import static org.optinel.bench.BenchSupport.positive;

/**
 * Preview and launch of a re-permission campaign over a base of prospects whose consent was
 * imported without proof (UNPROVEN, so every one may be asked): the audience classed by FR-12, the
 * recipients written and one message each queued in the outbox. The outbox is not sending (disabled)
 * so that only the launch is measured. Each run is a new campaign over the same base.
 */
@Tag("benchmark")
class CampaignBenchmark {

	private final int runs = positive("bench.runs", 3);

	private final int contactCount = positive("bench.campaign.contacts", 100_000);

	private final Set<Db> databases = ImportBenchmark.databases(System.getProperty("bench.db", "sqlite"));

	private final List<String> lines = new ArrayList<>();

	@Test
	void previewsAndLaunchesACampaign() throws Exception {
		print(String.format(Locale.ROOT, "BENCH setup campaign contacts=%d runs=%d cores=%d load_1m=%.2f", contactCount,
				runs, Runtime.getRuntime().availableProcessors(), load()));
		Path csv = new ContactCsvGenerator(ContactCsvGenerator.DEFAULT_SEED)
			.write(BENCH_DIR.resolve("campaign-contacts-" + contactCount + ".csv"), contactCount)
			.file();
		for (Db db : databases) {
			Path dataDir = Files.createTempDirectory(Files.createDirectories(BENCH_DIR), "campaign-" + db.label() + "-");
			// As the import benchmark: the driver sends a JDBC batch as multi-row inserts.
			String postgresUrl = db == Db.SQLITE ? null : Databases.newPostgresUrl() + "&reWriteBatchedInserts=true";
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
			.create(new NewTenant("Bench campaign", "FR", "Europe/Paris", "FR"));
		TenantId tenant = issued.tenant().id();
		context.getBean(PurposeManagement.class)
			.define(tenant, "newsletter", "Newsletter", "Offers", PurposeKind.MARKETING, false);
		context.getBean(SenderProfileManagement.class)
			.update(tenant, new NewSenderProfile("Acme", "ACME", "STOP au 36111", "APPEND", "news@acme.example", "Acme",
					List.of("36111"), null, null));
		context.getBean(ContactImporter.class)
			.importContacts(tenant, csv, new ImportSource(csv.getFileName().toString(), "Benchmark", Map.of()),
					ImportProgress.NONE);
		JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));
		int unproven = jdbc.sql("INSERT INTO consent_state (tenant_id, contact_id, channel, purpose_key, status, since, seq) "
				+ "SELECT tenant_id, contact_id, 'SMS', 'newsletter', 'UNPROVEN', created_at, 0 FROM contact "
				+ "WHERE tenant_id = ? AND phone IS NOT NULL")
			.param(tenant.value())
			.update();
		if (db != Db.SQLITE) {
			// The answers were written here in one statement; autovacuum would have analysed them by the
			// time a campaign is prepared, as the importer does the contacts.
			jdbc.sql("ANALYZE consent_state").update();
		}
		context.getBean(EligibilityIndex.class).loadNow(tenant);
		CampaignManagement campaigns = context.getBean(CampaignManagement.class);
		List<Double> totals = new ArrayList<>();
		for (int r = 1; r <= runs; r++) {
			Campaign c = campaigns.create(tenant, new CampaignDefinition("Bench " + r, List.of("newsletter"),
					ChannelPlan.SMS, null, Map.of("fr", "Voulez-vous encore nos offres ?"),
					Map.of("fr", "Bonjour {firstName}, Acme : encore nos offres ? Repondez {yes}"), null, null, null,
					Instant.now().plus(Duration.ofDays(30)), List.of(7, 1), null, null, null)); // clock-ok: a future deadline
			long start = System.nanoTime();
			Preview p = campaigns.preview(tenant, c.id());
			double preview = BenchSupport.seconds(start);
			long launchStart = System.nanoTime();
			long asked = campaigns.launch(tenant, c.id());
			double launch = BenchSupport.seconds(launchStart);
			double total = BenchSupport.seconds(start);
			totals.add(total);
			print(String.format(Locale.ROOT,
					"BENCH campaign %s run=%d contacts=%d unproven=%d may_ask=%d asked=%d preview_s=%.2f launch_s=%.2f total_s=%.2f load_1m=%.2f",
					db.label(), r, contactCount, unproven, p.classes().get(org.optinel.campaigns.AskClass.MAY_ASK_HAS_BASIS),
					asked, preview, launch, total, load()));
		}
		print(String.format(Locale.ROOT, "BENCH campaign %s median total_s=%.2f all=%s", db.label(), median(totals),
				totals.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList()));
	}

	private static ConfigurableApplicationContext start(Db db, Path dataDir, String postgresUrl) {
		List<String> args = new ArrayList<>(List.of("--optinel.data-dir=" + dataDir.toAbsolutePath(),
				"--optinel.tenancy.bootstrap-tenant=Bootstrap",
				"--optinel.tenancy.bootstrap-api-key=bench-" + java.util.UUID.randomUUID(), "--server.address=127.0.0.1",
				"--server.port=0", "--logging.level.org.optinel=WARN", "--optinel.outbox.enabled=false"));
		if (db == Db.SQLITE) {
			// bench.sqlite.pragmas: more URL parameters to try, e.g. &cache_size=-65536
			args.add("--spring.datasource.url=" + Databases.newSqliteUrl(dataDir.toAbsolutePath())
					+ System.getProperty("bench.sqlite.pragmas", ""));
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
