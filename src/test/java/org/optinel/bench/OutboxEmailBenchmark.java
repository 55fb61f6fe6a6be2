package org.optinel.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.optinel.OptinelApplication;
import org.optinel.consent.PurposeKind;
import org.optinel.consent.PurposeManagement;
import org.optinel.contacts.ContactImporter;
import org.optinel.contacts.ImportProgress;
import org.optinel.contacts.ImportSource;
import org.optinel.core.Channel;
import org.optinel.core.TenantId;
import org.optinel.eligibility.EligibilityIndex;
import org.optinel.messaging.outbox.Dispatchers;
import org.optinel.messaging.outbox.MessageState;
import org.optinel.messaging.outbox.NewMessage;
import org.optinel.messaging.outbox.Origin;
import org.optinel.messaging.outbox.Outbox;
import org.optinel.messaging.sender.NewSenderProfile;
import org.optinel.messaging.sender.SenderProfileManagement;
import org.optinel.tenancy.NewTenant;
import org.optinel.tenancy.TenantManagement;
import org.optinel.testing.Databases;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

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
import static org.optinel.bench.BenchSupport.natural;
import static org.optinel.bench.BenchSupport.positive;

/**
 * How many marketing emails per second the outbox sends through the SMTP provider: the whole
 * service on SQLite, GreenMail in the same JVM on the loopback address. Each contact has an email
 * consent (written directly in SQL, to be quick) and gets one marketing email per run, queued
 * through {@link Outbox#enqueue} for later; then all of them are made due at once, and the run
 * lasts from that moment to the last one SENT. What is measured is the dispatcher's whole path:
 * claim, the decision taken twice (before and under the recipient's locks), the unsubscribe link,
 * the SMTP transaction, and the outcome recorded; GreenMail's parsing and storing shares the cores.
 * Prints {@code BENCH outbox-email} lines (also appended to {@code target/bench/results.txt});
 * fails if a message ends other than SENT or the server did not receive every one.
 *
 * <p>Settings: {@code bench.runs} (3), {@code bench.email.contacts} (3,000), {@code bench.email.warmup}
 * emails sent first and not counted (500), {@code bench.email.settings}: the dispatcher's workers
 * ({@code optinel.outbox.email.concurrency}) and SMTP connections ({@code optinel.email.concurrency})
 * as {@code workers:connections}, comma-separated, one fresh service each ({@code 16:4,4:4,8:8}; the
 * first is the default configuration).
 */
@Tag("benchmark")
class OutboxEmailBenchmark {

	private final int runs = positive("bench.runs", 3);

	private final int contactCount = positive("bench.email.contacts", 3_000);

	private final int warmup = natural("bench.email.warmup", 500);

	private final List<int[]> settings = settings(System.getProperty("bench.email.settings", "16:4,4:4,8:8"));

	private final List<String> lines = new ArrayList<>();

	@Test
	void sendsMarketingEmailsThroughTheOutbox() throws Exception {
		print(String.format(Locale.ROOT, "BENCH setup outbox-email contacts=%d warmup=%d runs=%d settings=%s cores=%d "
				+ "load_1m=%.2f", contactCount, warmup, runs, System.getProperty("bench.email.settings", "16:4,4:4,8:8"),
				Runtime.getRuntime().availableProcessors(), load()));
		Path csv = new ContactCsvGenerator(ContactCsvGenerator.DEFAULT_SEED)
			.write(BENCH_DIR.resolve("outbox-email-contacts-" + contactCount + ".csv"), contactCount)
			.file();
		GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		greenMail.start();
		try {
			for (int[] setting : settings) {
				Path dataDir = Files.createTempDirectory(Files.createDirectories(BENCH_DIR), "outbox-email-");
				try (ConfigurableApplicationContext context = start(dataDir, greenMail.getSmtp().getPort(), setting[0],
						setting[1])) {
					run(context, greenMail, csv, setting[0], setting[1]);
				}
				finally {
					try (Stream<Path> files = Files.walk(dataDir)) {
						for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
							Files.delete(f);
						}
					}
				}
			}
		}
		finally {
			greenMail.stop();
		}
		BenchSupport.appendResults(lines);
	}

	private void run(ConfigurableApplicationContext context, GreenMail greenMail, Path csv, int workers,
			int connections) throws Exception {
		long setupStart = System.nanoTime();
		TenantId tenant = context.getBean(TenantManagement.class)
			.create(new NewTenant("Bench outbox email", "FR", "Europe/Paris", "FR"))
			.tenant()
			.id();
		context.getBean(PurposeManagement.class)
			.define(tenant, "promotions", "Promotions", "Offers", PurposeKind.MARKETING, false);
		context.getBean(ContactImporter.class)
			.importContacts(tenant, csv, new ImportSource(csv.getFileName().toString(), "Benchmark", Map.of()),
					ImportProgress.NONE);
		JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));
		int granted = jdbc.sql("INSERT INTO consent_state (tenant_id, contact_id, channel, purpose_key, status, since, seq) "
				+ "SELECT tenant_id, contact_id, 'EMAIL', 'promotions', 'GRANTED', created_at, 0 FROM contact "
				+ "WHERE tenant_id = ? AND email IS NOT NULL")
			.param(tenant.value())
			.update();
		context.getBean(EligibilityIndex.class).loadNow(tenant);
		context.getBean(SenderProfileManagement.class)
			.update(tenant, new NewSenderProfile("Boulangerie Dupont", null, null, null, "news@boulangerie.example",
					"Boulangerie Dupont", List.of(), null, null));
		List<String[]> recipients = jdbc
			.sql("SELECT contact_id, email FROM contact WHERE tenant_id = ? AND email IS NOT NULL ORDER BY contact_id")
			.param(tenant.value())
			.query((rs, row) -> new String[] { rs.getString(1), rs.getString(2) })
			.list();
		print(String.format(Locale.ROOT, "BENCH outbox-email-setup workers=%d connections=%d contacts=%d "
				+ "email_consents=%d seconds=%.1f", workers, connections, recipients.size(), granted,
				BenchSupport.seconds(setupStart)));

		Batch batch = new Batch(context, jdbc, tenant);
		if (warmup > 0) {
			batch.send("warmup", recipients.subList(0, Math.min(warmup, recipients.size())));
			greenMail.purgeEmailFromAllMailboxes();
		}
		List<Double> rates = new ArrayList<>();
		for (int r = 1; r <= runs; r++) {
			double seconds = batch.send("run" + r, recipients);
			int received = greenMail.getReceivedMessages().length;
			if (received != recipients.size()) {
				throw new IllegalStateException("GreenMail received " + received + " of " + recipients.size()
						+ " emails in run " + r);
			}
			greenMail.purgeEmailFromAllMailboxes();
			double rate = recipients.size() / seconds;
			rates.add(rate);
			print(String.format(Locale.ROOT, "BENCH outbox-email sqlite workers=%d connections=%d run=%d emails=%d "
					+ "seconds=%.2f emails_per_s=%.0f load_1m=%.2f", workers, connections, r, recipients.size(), seconds,
					rate, load()));
		}
		print(String.format(Locale.ROOT, "BENCH outbox-email sqlite workers=%d connections=%d median emails_per_s=%.0f "
				+ "all=%s load_1m=%.2f", workers, connections, median(rates),
				rates.stream().map(rate -> String.format(Locale.ROOT, "%.0f", rate)).toList(), load()));
	}

	/** Queues one marketing email per recipient for later, makes them all due at once, and times the sending. */
	private static final class Batch {

		private final Outbox outbox;

		private final Dispatchers dispatchers;

		private final Clock clock;

		private final TransactionTemplate transactions;

		private final JdbcClient jdbc;

		private final TenantId tenant;

		Batch(ConfigurableApplicationContext context, JdbcClient jdbc, TenantId tenant) {
			this.outbox = context.getBean(Outbox.class);
			this.dispatchers = context.getBean(Dispatchers.class);
			this.clock = context.getBean(Clock.class);
			this.transactions = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
			this.jdbc = jdbc;
			this.tenant = tenant;
		}

		/** Answers the seconds from the moment all were due to the moment the last was SENT. */
		double send(String label, List<String[]> recipients) throws InterruptedException {
			Instant later = clock.instant().plus(Duration.ofDays(1));
			for (int from = 0; from < recipients.size(); from += 500) {
				List<String[]> chunk = recipients.subList(from, Math.min(from + 500, recipients.size()));
				transactions.executeWithoutResult(status -> {
					for (String[] r : chunk) {
						outbox.enqueue(new NewMessage(tenant, Channel.EMAIL, r[1], r[0], "promotions", true, Origin.API,
								label, null, "news@boulangerie.example", "Boulangerie Dupont", "Nos offres de la semaine",
								"Bonjour,\n\nCette semaine, la crème brûlée est à -20 %.\n\nÀ bientôt.",
								"<p>Bonjour,</p><p>Cette semaine, la <b>crème brûlée</b> est à -20 %.</p><p>À bientôt.</p>",
								later, null));
					}
				});
			}
			Instant now = clock.instant();
			int due = jdbc.sql("UPDATE outbox_message SET next_attempt_at = ? WHERE tenant_id = ? AND origin = 'API' "
					+ "AND origin_id = ? AND state = 'QUEUED'")
				.params(now.toEpochMilli(), tenant.value(), label)
				.update();
			if (due != recipients.size()) {
				throw new IllegalStateException(due + " of " + recipients.size() + " emails of " + label + " made due");
			}
			long start = System.nanoTime();
			dispatchers.of(Channel.EMAIL).orElseThrow().queued(tenant, now);
			long deadline = start + Duration.ofMinutes(10).toNanos();
			while (true) {
				Map<MessageState, Long> counts = counts(label);
				long pending = counts.getOrDefault(MessageState.QUEUED, 0L)
						+ counts.getOrDefault(MessageState.SUBMITTING, 0L);
				if (pending == 0) {
					double seconds = BenchSupport.seconds(start);
					if (counts.getOrDefault(MessageState.SENT, 0L) != recipients.size()) {
						throw new IllegalStateException(label + " did not end all SENT: " + counts);
					}
					return seconds;
				}
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException(label + " still pending after 10 minutes: " + counts);
				}
				Thread.sleep(10);
			}
		}

		/**
		 * How many of the batch's messages are in each state. Read outside any transaction: on SQLite
		 * the service queues every transaction behind one lock, and the poll must not take a turn.
		 */
		private Map<MessageState, Long> counts(String label) {
			Map<MessageState, Long> counts = new EnumMap<>(MessageState.class);
			jdbc.sql("SELECT state, count(*) FROM outbox_message WHERE tenant_id = ? AND origin = 'API' AND origin_id = ? "
					+ "GROUP BY state")
				.params(tenant.value(), label)
				.query(rs -> {
					counts.put(MessageState.valueOf(rs.getString(1)), rs.getLong(2));
				});
			return counts;
		}
	}

	private static ConfigurableApplicationContext start(Path dataDir, int smtpPort, int workers, int connections) {
		return new SpringApplicationBuilder(OptinelApplication.class).web(WebApplicationType.SERVLET)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.run("--optinel.data-dir=" + dataDir.toAbsolutePath(),
					"--spring.datasource.url=" + Databases.newSqliteUrl(dataDir.toAbsolutePath()),
					"--optinel.tenancy.bootstrap-tenant=Bootstrap",
					"--optinel.tenancy.bootstrap-api-key=bench-" + java.util.UUID.randomUUID(),
					"--server.address=127.0.0.1", "--server.port=0", "--logging.level.org.optinel=WARN",
					"--optinel.email.provider=smtp", "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtpPort,
					"--optinel.messaging.public-base-url=https://optinel.example",
					"--optinel.outbox.email.concurrency=" + workers, "--optinel.email.concurrency=" + connections);
	}

	/** {@code workers:connections,...} */
	private static List<int[]> settings(String value) {
		List<int[]> parsed = new ArrayList<>();
		for (String pair : value.split(",")) {
			String[] parts = pair.strip().split(":");
			try {
				int workers = Integer.parseInt(parts[0].strip());
				int connections = Integer.parseInt(parts[1].strip());
				if (parts.length == 2 && workers > 0 && connections > 0) {
					parsed.add(new int[] { workers, connections });
					continue;
				}
			}
			catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
				// reported below
			}
			throw new IllegalArgumentException(
					"bench.email.settings must be workers:connections pairs such as 16:4,8:8, was '" + value + "'");
		}
		return parsed;
	}

	private void print(String line) {
		System.out.println(line);
		lines.add(line);
	}
}
