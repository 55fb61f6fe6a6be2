package org.optinel.bench;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Session;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.optinel.messaging.OutboundEmail;
import org.optinel.messaging.SubmitOutcome;
import org.optinel.messaging.email.SmtpEmailGateway;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import static org.optinel.bench.BenchSupport.load;
import static org.optinel.bench.BenchSupport.median;
import static org.optinel.bench.BenchSupport.natural;
import static org.optinel.bench.BenchSupport.positive;

/**
 * How many marketing emails per second the SMTP gateway hands to a server: GreenMail in the same
 * JVM on the loopback address, which parses and stores every message, so the figure is that of
 * gateway and server together on this machine's cores. Each email has its own recipient, a text and
 * an HTML part and the one-click headers. Prints {@code BENCH email-smtp} lines (also appended to
 * {@code target/bench/results.txt}); fails if a message is not accepted or the server did not
 * receive every one.
 *
 * <p>Settings: {@code bench.runs} (3), {@code bench.email.messages} per run (3,000),
 * {@code bench.email.warmup} messages sent first and not counted (1,000),
 * {@code bench.email.concurrency} sender threads, each with one connection (4).
 */
@Tag("benchmark")
class EmailGatewayBenchmark {

	private final int runs = positive("bench.runs", 3);

	private final int messages = positive("bench.email.messages", 3_000);

	private final int warmup = natural("bench.email.warmup", 1_000);

	private final int concurrency = positive("bench.email.concurrency", 4);

	private final List<String> lines = new ArrayList<>();

	@Test
	void sendsMarketingEmailsToAnSmtpServer() throws Exception {
		print(String.format(Locale.ROOT, "BENCH setup email-smtp messages=%d warmup=%d concurrency=%d runs=%d cores=%d "
				+ "load_1m=%.2f", messages, warmup, concurrency, runs, Runtime.getRuntime().availableProcessors(), load()));
		GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		greenMail.start();
		try {
			Properties properties = new Properties();
			properties.setProperty("mail.smtp.host", "127.0.0.1");
			properties.setProperty("mail.smtp.port", Integer.toString(greenMail.getSmtp().getPort()));
			properties.setProperty("mail.smtp.localhost", "localhost");
			properties.setProperty("mail.smtp.connectiontimeout", "5000");
			properties.setProperty("mail.smtp.timeout", "30000");
			List<Double> rates = new ArrayList<>();
			int expected = 0;
			try (SmtpEmailGateway gateway = new SmtpEmailGateway(Session.getInstance(properties), null, null, concurrency,
					Clock.systemUTC())) {
				sendAll(gateway, "warmup", warmup);
				expected += warmup;
				for (int run = 1; run <= runs; run++) {
					long start = System.nanoTime();
					sendAll(gateway, "run" + run, messages);
					double seconds = BenchSupport.seconds(start);
					expected += messages;
					rates.add(messages / seconds);
					print(String.format(Locale.ROOT, "BENCH email-smtp run=%d messages=%d seconds=%.2f per_s=%.0f load_1m=%.2f",
							run, messages, seconds, messages / seconds, load()));
				}
				print(String.format(Locale.ROOT, "BENCH email-smtp median per_s=%.0f concurrency=%d connections=%d all=%s",
						median(rates), concurrency, gateway.connectionCount(), rates.stream()
							.map(rate -> String.format(Locale.ROOT, "%.0f", rate))
							.toList()));
			}
			if (!greenMail.waitForIncomingEmail(30_000, expected)) {
				throw new IllegalStateException("GreenMail received " + greenMail.getReceivedMessages().length + " of "
						+ expected + " messages");
			}
		}
		finally {
			greenMail.stop();
		}
		BenchSupport.appendResults(lines);
	}

	/** Sends {@code count} emails at once and waits for every outcome; fails on any but accepted. */
	private static void sendAll(SmtpEmailGateway gateway, String label, int count) throws Exception {
		List<CompletableFuture<SubmitOutcome>> outcomes = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			outcomes.add(gateway.send(email(label + "-" + i)));
		}
		for (CompletableFuture<SubmitOutcome> outcome : outcomes) {
			SubmitOutcome result = outcome.get(5, TimeUnit.MINUTES);
			if (!(result instanceof SubmitOutcome.Accepted)) {
				throw new IllegalStateException("not accepted: " + result);
			}
		}
	}

	private static OutboundEmail email(String reference) {
		String to = reference + "@example.org";
		return new OutboundEmail(reference, "news@boulangerie.example", "Boulangerie Dupont", to,
				"Nos offres de la semaine", "Bonjour,\n\nCette semaine, la crème brûlée est à -20 %.\n\nÀ bientôt.",
				"<p>Bonjour,</p><p>Cette semaine, la <b>crème brûlée</b> est à -20 %.</p><p>À bientôt.</p>",
				URI.create("https://optinel.example.com/unsubscribe/" + reference));
	}

	private void print(String line) {
		System.out.println(line);
		lines.add(line);
	}
}
