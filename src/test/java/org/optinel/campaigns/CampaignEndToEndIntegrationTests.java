package org.optinel.campaigns;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.optinel.core.Channel;
import org.optinel.core.PhoneNumber;
import org.optinel.core.TenantId;
import org.optinel.eligibility.FrenchHolidays;
import org.optinel.messaging.smpp.TestSmsc;
import org.optinel.suppression.SuppressionList;
import org.optinel.tenancy.IdentifierHashing;
import org.optinel.testing.Api;
import org.optinel.testing.TestClock;
import org.optinel.testing.TestTenants;
import tools.jackson.databind.JsonNode;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A re-permission campaign from launch to close with real peers: SMS through the SMPP provider to a
 * {@link TestSmsc} on loopback, which takes the messages, refuses some numbers and passes on the
 * replies of people; email through the SMTP provider to GreenMail, whose received confirmation link
 * is followed as a browser would. The clock stands on a Tuesday morning whose next Tuesday is a
 * working day too, so that the reminder a week later also falls inside the sending window (FR-07).
 * Runs on SQLite through its subclass; on PostgreSQL the same run takes over twice as long, so it
 * has no subclass there.
 */
@Import(TestClock.Configuration.class)
abstract class CampaignEndToEndIntegrationTests {

	static final String PUBLIC_BASE_URL = "https://optinel.example";

	static final Pattern LINK = Pattern.compile(Pattern.quote(PUBLIC_BASE_URL) + "/c/([A-Za-z0-9_-]{22})");

	/** How every campaign SMS of these tests begins; the opt-out confirmations (US-03) do not. */
	static final String ASK = "Acme: on garde le contact ?";

	static TestSmsc smsc;

	static GreenMail greenMail;

	@DynamicPropertySource
	static void peers(DynamicPropertyRegistry registry) throws Exception {
		smsc = new TestSmsc();
		registry.add("optinel.sms.provider", () -> "smpp");
		registry.add("optinel.sms.smpp.host", () -> "127.0.0.1");
		registry.add("optinel.sms.smpp.port", () -> smsc.port());
		registry.add("optinel.sms.smpp.system-id", () -> TestSmsc.SYSTEM_ID);
		registry.add("optinel.sms.smpp.password", () -> TestSmsc.PASSWORD);
		registry.add("optinel.sms.smpp.reconnect-min", () -> "100ms");
		registry.add("optinel.sms.smpp.window", () -> "16");
		registry.add("optinel.outbox.sms.concurrency", () -> "32");
		registry.add("optinel.outbox.sms.poll", () -> "100ms");
		GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		mail.start();
		greenMail = mail;
		registry.add("optinel.email.provider", () -> "smtp");
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> mail.getSmtp().getPort());
		registry.add("optinel.messaging.public-base-url", () -> PUBLIC_BASE_URL);
		registry.add("optinel.outbox.email.poll", () -> "100ms");
		// The test moves its campaigns on itself, at the moments it chooses.
		registry.add("optinel.campaigns.tick", () -> "1h");
	}

	@AfterAll
	static void stopPeers() throws Exception {
		smsc.close();
		greenMail.stop();
	}

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	TestClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CampaignManagement campaigns;

	@Autowired
	SuppressionList suppressions;

	@Autowired
	IdentifierHashing hashing;

	final HttpClient browser = HttpClient.newHttpClient();

	Api api;

	TenantId tenant;

	String shortCode;

	@BeforeEach
	void aTenantThatSendsSmsAndEmailOnATuesdayMorning() {
		LocalDate tuesday = LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.next(DayOfWeek.TUESDAY));
		while (FrenchHolidays.isHoliday(tuesday) || FrenchHolidays.isHoliday(tuesday.plusWeeks(1))) {
			tuesday = tuesday.plusWeeks(1);
		}
		clock.reset();
		clock.advance(Duration.between(clock.instant(), tuesday.atTime(9, 0).toInstant(ZoneOffset.UTC)));
		var issued = tenants.create();
		tenant = issued.tenant().id();
		api = new Api(port, issued.apiKey());
		created(api.post("/api/v1/purposes", "{\"key\":\"newsletter\",\"name\":\"Newsletter\",\"kind\":\"MARKETING\"}"));
		// Replies to this short code reach this tenant only: the SMSC is shared by the tests of the class.
		shortCode = String.valueOf(40000 + new Random().nextInt(50000));
		Api.Response profile = api.send(api.builder("/api/v1/messaging/sender")
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"brand\":\"Acme\",\"smsSenderId\":\"ACME\","
					+ "\"smsOptOutMention\":\"STOP au " + shortCode + "\",\"optOutMode\":\"APPEND\","
					+ "\"inboundNumbers\":[\"" + shortCode + "\"],\"emailFromAddress\":\"news@acme.example\","
					+ "\"emailFromName\":\"Acme\"}")));
		assertThat(profile.status()).as(profile.body()).isEqualTo(200);
	}

	@AfterEach
	void backToTheRealTime() {
		clock.reset();
	}

	@Test
	@DisplayName("FR-12, SEED-03, GDPR-02, KW-01, US-02, SEED-04, GDPR-10, GDPR-12: 1,000 prospects asked by SMS; "
			+ "300 reply OUI, 100 STOP, 50 bounce, 550 stay silent; the reminder goes to the silent only, nothing "
			+ "reaches a number after its STOP, and the close reports exact figures and erases exactly the silent")
	void aCampaignToAThousandProspectsEndsWithExactFiguresAndErasesOnlyTheSilent() throws Exception {
		List<String> phones = new ArrayList<>();
		for (int i = 0; i < 1_000; i++) {
			phones.add(String.format("+33698%06d", i));
		}
		List<String> ids = prospects(phones, "SMS");
		Map<String, String> contactOf = new HashMap<>();
		for (int i = 0; i < phones.size(); i++) {
			contactOf.put(phones.get(i), ids.get(i));
		}
		List<String> shuffled = new ArrayList<>(phones);
		Collections.shuffle(shuffled, new Random(2026));
		List<String> yes = shuffled.subList(0, 300);
		List<String> stop = shuffled.subList(300, 400);
		List<String> refused = shuffled.subList(400, 450);
		List<String> silent = shuffled.subList(450, 1_000);
		refused.forEach(phone -> smsc.refuse(phone.substring(1)));

		String id = created(api.post("/api/v1/campaigns", "{\"name\":\"Reconfirmation 1000\","
				+ "\"purposes\":[\"newsletter\"],\"plan\":\"SMS\","
				+ "\"questions\":{\"fr\":\"Voulez-vous continuer a recevoir nos offres par SMS ?\"},"
				+ "\"sms\":{\"fr\":\"" + ASK + " Repondez {yes}\"},\"deadline\":\""
				+ clock.instant().plus(Duration.ofDays(14)) + "\",\"remindersDaysBefore\":[7]}")).text("id");
		JsonNode preview = api.post("/api/v1/campaigns/" + id + "/preview", "").json();
		assertThat(preview.path("classes").path("MAY_ASK_HAS_BASIS").asLong()).isEqualTo(1_000);
		assertThat(preview.path("channels").path("SMS").asLong()).isEqualTo(1_000);

		Api.Response launched = api.post("/api/v1/campaigns/" + id + "/launch", "");

		assertThat(launched.status()).as(launched.body()).isEqualTo(200);
		assertThat(recipients(id)).containsExactly(Map.entry("MAY_ASK_HAS_BASIS/MESSAGED", 1_000L));
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
			JsonNode messages = api.get("/api/v1/campaigns/" + id).json().path("messages");
			return messages.path("SENT").asLong() + messages.path("FAILED").asLong() == 1_000;
		});
		JsonNode firstAsks = api.get("/api/v1/campaigns/" + id).json().path("messages");
		assertThat(firstAsks.path("SENT").asLong()).isEqualTo(950);
		assertThat(firstAsks.path("FAILED").asLong()).as("refused by the SMSC").isEqualTo(50);

		// The answers come from the phones, through the SMSC, as deliver_sm to the short code, a few at once.
		inParallel(yes, phone -> reply(phone, "OUI"));
		Map<String, Long> stoppedAt = new ConcurrentHashMap<>();
		inParallel(stop, phone -> {
			reply(phone, "STOP");
			String hash = hashing.phone(tenant, new PhoneNumber(phone));
			await().atMost(Duration.ofSeconds(10)).until(() -> suppressions.isSuppressed(tenant, Channel.SMS, hash));
			stoppedAt.put(phone, System.nanoTime());
		});
		assertThat(recipients(id)).containsOnly(Map.entry("MAY_ASK_HAS_BASIS/CONFIRMED", 300L),
				Map.entry("MAY_ASK_HAS_BASIS/OPTED_OUT", 100L), Map.entry("MAY_ASK_HAS_BASIS/MESSAGED", 600L));
		// Every yes is a grant on SMS against the campaign's question, with the reply as its evidence.
		String notice = api.get("/api/v1/campaigns/" + id).json().path("definition").path("noticeIds")
			.path("newsletter").path("fr").asString();
		assertThat(contactsWithEvent("GRANT", "SMS_REPLY", notice))
			.containsExactlyInAnyOrderElementsOf(yes.stream().map(contactOf::get).toList());
		assertThat(contactsWithEvent("WITHDRAW", null, null))
			.containsExactlyInAnyOrderElementsOf(stop.stream().map(contactOf::get).toList());
		// One confirmation per STOP (US-03), left before the week goes by.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> stop.stream().allMatch(phone -> others(phone).size() == 1));

		clock.advance(Duration.ofDays(7).plusHours(1));
		campaigns.advance(tenant);

		assertThat(jdbc.sql("SELECT contact_id FROM outbox_message WHERE tenant_id = ? AND origin_id = ? "
				+ "AND dedupe_key LIKE '%:r7'").params(tenant.value(), id).query(String.class).list())
			.as("the reminder goes to the silent ones only")
			.containsExactlyInAnyOrderElementsOf(silent.stream().map(contactOf::get).toList());
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
			.until(() -> api.get("/api/v1/campaigns/" + id).json().path("messages").path("SENT").asLong() == 950 + 550);

		for (String phone : yes) {
			assertThat(asks(phone)).as("asks to %s, who said yes", phone).hasSize(1);
			assertThat(others(phone)).as("other messages to %s", phone).isEmpty();
		}
		for (String phone : stop) {
			List<TestSmsc.Submission> asked = asks(phone);
			assertThat(asked).as("asks to %s, who said STOP", phone).hasSize(1);
			assertThat(asked).as("asks that reached the SMSC after the STOP of %s", phone)
				.allMatch(s -> s.arrivedNanos() < stoppedAt.get(phone));
			assertThat(new String(others(phone).get(0).shortMessage(), StandardCharsets.ISO_8859_1))
				.contains("ne recevrez plus");
		}
		for (String phone : refused) {
			assertThat(asks(phone)).as("asks taken for %s, refused by the SMSC", phone).isEmpty();
		}
		for (String phone : silent) {
			assertThat(asks(phone)).as("asks to %s, silent", phone).hasSize(2);
		}

		Api.Response dryRun = api.post("/api/v1/campaigns/" + id + "/close", "");

		assertThat(dryRun.status()).as(dryRun.body()).isEqualTo(200);
		JsonNode report = dryRun.json();
		assertThat(report.path("dryRun").asBoolean()).isTrue();
		assertThat(report.path("confirmed").asLong()).isEqualTo(300);
		assertThat(report.path("optedOut").asLong()).isEqualTo(100);
		assertThat(report.path("bounced").asLong()).isEqualTo(50);
		assertThat(report.path("noAnswer").asLong()).isEqualTo(550);
		assertThat(report.path("declined").asLong()).isZero();
		assertThat(report.path("erasure").path("contacts").asInt()).isEqualTo(550);
		assertThat(report.path("erasure").path("records").path("outboxMessages").asLong())
			.as("the ask and the reminder of each silent one").isEqualTo(1_100);
		assertThat(api.get("/api/v1/campaigns/" + id).text("state")).isEqualTo("RUNNING");
		assertThat(recipients(id)).as("a dry run changes nothing").containsOnly(
				Map.entry("MAY_ASK_HAS_BASIS/CONFIRMED", 300L), Map.entry("MAY_ASK_HAS_BASIS/OPTED_OUT", 100L),
				Map.entry("MAY_ASK_HAS_BASIS/MESSAGED", 600L));
		assertThat(api.get("/api/v1/contacts/" + contactOf.get(silent.get(0))).status()).isEqualTo(200);

		Api.Response closed = api.post("/api/v1/campaigns/" + id + "/close?dryRun=false", "");

		assertThat(closed.status()).as(closed.body()).isEqualTo(200);
		JsonNode closing = closed.json();
		assertThat(closing.path("confirmed").asLong()).isEqualTo(300);
		assertThat(closing.path("optedOut").asLong()).isEqualTo(100);
		assertThat(closing.path("bounced").asLong()).isEqualTo(50);
		assertThat(closing.path("noAnswer").asLong()).isEqualTo(550);
		assertThat(closing.path("removed").asLong()).isEqualTo(550);
		assertThat(closing.path("cancelledMessages").asInt()).isZero();
		JsonNode campaign = api.get("/api/v1/campaigns/" + id).json();
		assertThat(campaign.path("state").asString()).isEqualTo("CLOSED");
		assertThat(recipients(id)).containsOnly(Map.entry("MAY_ASK_HAS_BASIS/CONFIRMED", 300L),
				Map.entry("MAY_ASK_HAS_BASIS/OPTED_OUT", 100L), Map.entry("MAY_ASK_HAS_BASIS/BOUNCED", 50L),
				Map.entry("MAY_ASK_HAS_BASIS/REMOVED", 550L));
		inParallel(silent, phone -> assertThat(api.get("/api/v1/contacts/" + contactOf.get(phone)).status())
			.as("silent %s", phone)
			.isEqualTo(404));
		List<String> kept = new ArrayList<>();
		for (List<String> answered : List.of(yes, stop, refused)) {
			answered.forEach(phone -> kept.add(contactOf.get(phone)));
		}
		assertThat(allContacts()).as("the contacts left").containsExactlyInAnyOrderElementsOf(kept);
		// GDPR-10: nothing personal of the silent ones is left in the outbox or the campaign.
		Set<String> silentPhones = Set.copyOf(silent);
		assertThat(jdbc.sql("SELECT recipient FROM outbox_message WHERE tenant_id = ?").param(tenant.value())
			.query(String.class).list()).noneMatch(silentPhones::contains);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM campaign_recipient WHERE tenant_id = ? AND campaign_id = ? AND "
				+ "state = 'REMOVED' AND (token IS NOT NULL OR phone_hash IS NOT NULL OR email_hash IS NOT NULL)")
			.params(tenant.value(), id).query(Long.class).single()).isZero();
		for (String phone : stop) {
			assertThat(smsSuppression(phone).path("suppressed").asBoolean()).as("%s stays suppressed", phone).isTrue();
		}
		assertThat(api.get("/api/v1/ledger/verify").json().path("ok").asBoolean()).isTrue();
		JsonNode audit = api.get("/api/v1/audit?action=CAMPAIGN_CLOSED").json().path("items");
		assertThat(audit).hasSize(1);
		assertThat(audit.get(0).path("target").asString()).isEqualTo(id);
		assertThat(audit.get(0).path("count").asLong()).isEqualTo(550);
	}

	@Test
	@DisplayName("SEED-03, GDPR-02, SEED-04: the confirmation link of an email received by the mail server, followed "
			+ "with yes, grants on email and confirms; the close keeps that contact and erases the silent one")
	void aConfirmationLinkReceivedByEmailAndFollowedWithYesGrantsAndConfirms() throws Exception {
		String unique = Long.toString(System.nanoTime(), 36); // clock-ok: unique addresses per run
		String camille = "camille." + unique + "@example.org";
		String dominique = "dominique." + unique + "@example.org";
		List<String> ids = prospects(List.of(camille, dominique), "EMAIL");
		String id = created(api.post("/api/v1/campaigns", "{\"name\":\"Reconfirmation email\","
				+ "\"purposes\":[\"newsletter\"],\"plan\":\"EMAIL\","
				+ "\"questions\":{\"fr\":\"Voulez-vous continuer a recevoir notre lettre ?\"},"
				+ "\"email\":{\"fr\":{\"subject\":\"On reste en contact ?\",\"text\":\"Confirmez ici : {link}\"}},"
				+ "\"deadline\":\"" + clock.instant().plus(Duration.ofDays(14)) + "\"}")).text("id");
		assertThat(api.post("/api/v1/campaigns/" + id + "/launch", "").status()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(20)).until(() -> receivedBy(camille).size() == 1 && receivedBy(dominique)
			.size() == 1);
		MimeMessage received = receivedBy(camille).get(0);
		assertThat(received.getSubject()).isEqualTo("On reste en contact ?");
		Matcher link = LINK.matcher(text(received));
		assertThat(link.find()).as(text(received)).isTrue();
		String token = link.group(1);

		HttpResponse<String> yes = browser.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/c/" + token))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("User-Agent", "TestBrowser/1.0")
			.POST(HttpRequest.BodyPublishers.ofString("lang=fr&choice=yes"))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(yes.statusCode()).as(yes.body()).isEqualTo(200);
		assertThat(recipients(id)).containsOnly(Map.entry("MAY_ASK_HAS_BASIS/CONFIRMED", 1L),
				Map.entry("MAY_ASK_HAS_BASIS/MESSAGED", 1L));
		String notice = api.get("/api/v1/campaigns/" + id).json().path("definition").path("noticeIds")
			.path("newsletter").path("fr").asString();
		assertThat(contactsWithEvent("GRANT", "EMAIL_CLICK", notice)).containsExactly(ids.get(0));
		assertThat(jdbc.sql("SELECT d.document FROM consent_event e JOIN consent_evidence d ON d.tenant_id = e.tenant_id "
				+ "AND d.event_id = e.event_id WHERE e.tenant_id = ? AND e.source = 'EMAIL_CLICK' AND e.channel = 'EMAIL'")
			.param(tenant.value()).query(String.class).single())
			.contains("\"token\":\"" + token + "\"")
			.contains("\"userAgent\":\"TestBrowser/1.0\"");
		JsonNode consents = api.get("/api/v1/contacts/" + ids.get(0)).json().path("consents");
		assertThat(consents).anySatisfy(c -> {
			assertThat(c.path("channel").asString()).isEqualTo("EMAIL");
			assertThat(c.path("purpose").asString()).isEqualTo("newsletter");
			assertThat(c.path("status").asString()).isEqualTo("GRANTED");
		});

		Api.Response closed = api.post("/api/v1/campaigns/" + id + "/close?dryRun=false", "");

		assertThat(closed.status()).as(closed.body()).isEqualTo(200);
		assertThat(closed.json().path("confirmed").asLong()).isEqualTo(1);
		assertThat(closed.json().path("removed").asLong()).isEqualTo(1);
		assertThat(api.get("/api/v1/contacts/" + ids.get(0)).status()).isEqualTo(200);
		assertThat(api.get("/api/v1/contacts/" + ids.get(1)).status()).isEqualTo(404);
	}

	// set-up

	/**
	 * Prospects, one per phone number or email address, each with a consent to the newsletter on
	 * {@code channel} imported without proof (UNPROVEN: a weak basis, so a campaign may ask them,
	 * FR-12, EDPB-01), made in one batch. Their ids, in the order given.
	 */
	private List<String> prospects(List<String> addresses, String channel) {
		String field = "SMS".equals(channel) ? "phone" : "email";
		String events = addresses.stream()
			.map(a -> "{\"" + field + "\":\"" + a + "\",\"channel\":\"" + channel + "\",\"purpose\":\"newsletter\","
					+ "\"action\":\"GRANT\",\"source\":\"IMPORT\",\"evidence\":{\"importId\":\"legacy-2019\"}}")
			.collect(Collectors.joining(",", "{\"events\":[", "]}"));
		Api.Response batch = created(api.post("/api/v1/consents/batch", events));
		List<String> ids = new ArrayList<>();
		for (JsonNode e : batch.json().path("events")) {
			assertThat(e.path("contactCreated").asBoolean()).isTrue();
			assertThat(e.path("status").asString()).isEqualTo("UNPROVEN");
			ids.add(e.path("contactId").asString());
		}
		assertThat(ids).hasSize(addresses.size());
		return ids;
	}

	/** Sends {@code text} to the tenant's short code from the phone, as the SMSC passes on a person's SMS. */
	private void reply(String phone, String text) throws Exception {
		smsc.deliverFromPerson(phone.substring(1), shortCode, (byte) 0x00, text.getBytes(StandardCharsets.US_ASCII));
	}

	/** Does the work for each item, four at a time, and fails with the first failure. */
	private static void inParallel(List<String> items, Work work) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (String item : items) {
				done.add(threads.submit(() -> {
					work.on(item);
					return null;
				}));
			}
			for (Future<?> f : done) {
				try {
					f.get(60, TimeUnit.SECONDS);
				}
				catch (ExecutionException e) {
					if (e.getCause() instanceof Error error) {
						throw error;
					}
					throw e;
				}
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@FunctionalInterface
	private interface Work {

		void on(String item) throws Exception;
	}

	// checks

	/** The ids of all the tenant's contacts, read page by page from {@code GET /api/v1/contacts}. */
	private List<String> allContacts() {
		List<String> ids = new ArrayList<>();
		String cursor = null;
		do {
			Api.Response page = api.get("/api/v1/contacts?limit=500" + (cursor == null ? "" : "&cursor=" + cursor));
			assertThat(page.status()).as(page.body()).isEqualTo(200);
			page.json().path("items").forEach(c -> ids.add(c.path("id").asString()));
			cursor = page.text("next");
		}
		while (cursor != null);
		return ids;
	}

	/** The campaign SMS that reached the SMSC for this number. */
	private static List<TestSmsc.Submission> asks(String phone) {
		return submissionsTo(phone, true);
	}

	/** The other SMS that reached the SMSC for this number (opt-out confirmations). */
	private static List<TestSmsc.Submission> others(String phone) {
		return submissionsTo(phone, false);
	}

	private static List<TestSmsc.Submission> submissionsTo(String phone, boolean asks) {
		String digits = phone.substring(1);
		return smsc.submissions()
			.stream()
			.filter(s -> s.destination().equals(digits))
			.filter(s -> new String(s.shortMessage(), StandardCharsets.ISO_8859_1).startsWith(ASK) == asks)
			.toList();
	}

	/** The contacts with a consent event of this action (and source and notice, when given). */
	private List<String> contactsWithEvent(String action, String source, String notice) {
		List<Object> params = new ArrayList<>(List.of(tenant.value(), action));
		StringBuilder sql = new StringBuilder("SELECT contact_id FROM consent_event WHERE tenant_id = ? AND action = ?");
		if (source != null) {
			sql.append(" AND source = ?");
			params.add(source);
		}
		if (notice != null) {
			sql.append(" AND notice_id = ?");
			params.add(notice);
		}
		return jdbc.sql(sql.toString()).params(params).query(String.class).list();
	}

	/** The campaign's recipients by {@code class/state}, as {@code GET /api/v1/campaigns/{id}} shows them. */
	private Map<String, Long> recipients(String campaign) {
		Api.Response c = api.get("/api/v1/campaigns/" + campaign);
		assertThat(c.status()).as(c.body()).isEqualTo(200);
		Map<String, Long> counts = new LinkedHashMap<>();
		c.json().path("recipients").properties().forEach(e -> counts.put(e.getKey(), e.getValue().asLong()));
		return counts;
	}

	/** The SMS channel's entry of {@code GET /api/v1/suppressions/check}. */
	private JsonNode smsSuppression(String phone) {
		Api.Response check = api.get("/api/v1/suppressions/check?phone=" + URLEncoder.encode(phone, StandardCharsets.UTF_8));
		assertThat(check.status()).as(check.body()).isEqualTo(200);
		for (JsonNode channel : check.json().path("channels")) {
			if (channel.path("channel").asString().equals(Channel.SMS.name())) {
				return channel;
			}
		}
		throw new AssertionError("no SMS channel in " + check.body());
	}

	private static List<MimeMessage> receivedBy(String email) {
		return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
			try {
				Address[] to = m.getAllRecipients();
				return to != null
						&& Arrays.stream(to).anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(email));
			}
			catch (MessagingException e) {
				throw new IllegalStateException(e);
			}
		}).toList();
	}

	/** The decoded plain text of a message, whether it is one part or several. */
	private static String text(Part part) throws Exception {
		Object content = part.getContent();
		if (content instanceof Multipart multipart) {
			return text(multipart.getBodyPart(0));
		}
		return content.toString();
	}

	private static Api.Response created(Api.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response;
	}
}
