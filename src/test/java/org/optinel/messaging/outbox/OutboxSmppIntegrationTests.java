package org.optinel.messaging.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.optinel.core.Channel;
import org.optinel.core.TenantId;
import org.optinel.messaging.inbound.InboundProvider;
import org.optinel.messaging.inbound.InboundSms;
import org.optinel.messaging.inbound.InboundSmsManagement;
import org.optinel.messaging.smpp.TestSmsc;
import org.optinel.suppression.SuppressionList;
import org.optinel.suppression.SuppressionReason;
import org.optinel.core.PhoneNumber;
import org.optinel.testing.Api;
import org.optinel.testing.TestClock;
import org.optinel.testing.TestTenants;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox sending SMS through the SMPP provider to a real SMPP server on loopback: the decision
 * taken again right before each message leaves, receipts, crash recovery, and STOP replies racing a
 * running dispatch (US-02, GDPR-07). Runs on SQLite and PostgreSQL through its subclasses.
 */
@Import(TestClock.Configuration.class)
abstract class OutboxSmppIntegrationTests {

	static final String EVIDENCE = "{\"formId\":\"signup\",\"ip\":\"203.0.113.7\",\"userAgent\":\"Mozilla/5.0\","
			+ "\"checkbox\":{\"prechecked\":false,\"separateFromTerms\":true}}";

	static TestSmsc smsc;

	@DynamicPropertySource
	static void smpp(DynamicPropertyRegistry registry) throws Exception {
		smsc = new TestSmsc();
		registry.add("optinel.sms.provider", () -> "smpp");
		registry.add("optinel.sms.smpp.host", () -> "127.0.0.1");
		registry.add("optinel.sms.smpp.port", () -> smsc.port());
		registry.add("optinel.sms.smpp.system-id", () -> TestSmsc.SYSTEM_ID);
		registry.add("optinel.sms.smpp.password", () -> TestSmsc.PASSWORD);
		registry.add("optinel.sms.smpp.reconnect-min", () -> "100ms");
		registry.add("optinel.outbox.sms.poll", () -> "200ms");
		registry.add("optinel.outbox.sms.backoff", () -> "1s");
	}

	@AfterAll
	static void stopSmsc() throws Exception {
		smsc.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	TestClock clock;

	@Autowired
	Outbox outbox;

	@Autowired
	Dispatchers dispatchers;

	@Autowired
	InboundSmsManagement inbound;

	@Autowired
	SuppressionList suppressions;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	JdbcClient jdbc;

	Api api;

	TenantId tenant;

	String notice;

	@BeforeEach
	void aTenantOnATuesdayMorning() {
		clock.reset();
		clock.moveToATuesdayMorning();
		var issued = tenants.create();
		tenant = issued.tenant().id();
		api = new Api(port, issued.apiKey());
		assertThat(api.post("/api/v1/purposes",
				"{\"key\":\"promotions\",\"name\":\"Promotions\",\"kind\":\"MARKETING\",\"similarProducts\":false}")
			.status()).isEqualTo(201);
		Api.Response n = api.post("/api/v1/notices",
				"{\"purpose\":\"promotions\",\"language\":\"fr\",\"text\":\"Recevoir nos promotions par SMS\"}");
		notice = n.text("id");
	}

	@AfterEach
	void backToTheRealTime() {
		clock.reset();
	}

	String consentingContact(String phone) {
		Api.Response c = api.post("/api/v1/contacts", "{\"phone\":\"" + phone + "\"}");
		assertThat(c.status()).as(c.body()).isEqualTo(201);
		String id = c.text("id");
		Api.Response g = api.post("/api/v1/consents", "{\"contactId\":\"" + id + "\",\"channel\":\"SMS\","
				+ "\"purpose\":\"promotions\",\"action\":\"GRANT\",\"source\":\"WEB_FORM\",\"noticeId\":\"" + notice
				+ "\",\"evidence\":" + EVIDENCE + "}");
		assertThat(g.status()).as(g.body()).isEqualTo(201);
		return id;
	}

	OutboxMessage enqueue(String contactId, String phone, String text, Instant notBefore) {
		return outbox.enqueue(new NewMessage(tenant, Channel.SMS, phone, contactId, "promotions", true, Origin.API,
				null, null, "OPTINEL", null, null, text, null, notBefore, null)).message();
	}

	MessageState stateOf(String id) {
		return outbox.find(tenant, id).state();
	}

	List<TestSmsc.Submission> submissionsTo(String phone) {
		String digits = phone.substring(1);
		return smsc.submissions().stream().filter(s -> s.destination().equals(digits)).toList();
	}

	@Test
	void anAllowedMessageReachesTheSmscOnceAndItsReceiptMarksItDelivered() throws Exception {
		String phone = "+33612000101";
		String contact = consentingContact(phone);

		OutboxMessage m = enqueue(contact, phone, "Promo -20% ce week-end. STOP au 36111", null);

		await().atMost(Duration.ofSeconds(10)).until(() -> stateOf(m.id()) == MessageState.SENT);
		List<TestSmsc.Submission> taken = submissionsTo(phone);
		assertThat(taken).hasSize(1);
		assertThat(taken.get(0).source()).isEqualTo("OPTINEL");
		OutboxMessage sent = outbox.find(tenant, m.id());
		assertThat(sent.providerIds()).containsExactly(taken.get(0).messageId());
		assertThat(sent.attempts()).isEqualTo(1);

		smsc.deliverReceipt("id:" + taken.get(0).messageId()
				+ " sub:001 dlvrd:001 submit date:2611301000 done date:2611301001 stat:DELIVRD err:000 text:Promo");

		await().atMost(Duration.ofSeconds(10)).until(() -> stateOf(m.id()) == MessageState.DELIVERED);
	}

	@Test
	@DisplayName("GDPR-07: a number suppressed after its message was queued is blocked right before sending")
	void aSuppressionAfterQueueingBlocksTheMessage() {
		String phone = "+33612000102";
		String contact = consentingContact(phone);
		OutboxMessage m = enqueue(contact, phone, "Promo. STOP au 36111", clock.instant().plusSeconds(30));

		suppressions.addPhone(tenant, new PhoneNumber(phone), Channel.SMS, SuppressionReason.ADMIN,
				Map.of("reason", "test"));
		clock.advance(Duration.ofSeconds(31));

		await().atMost(Duration.ofSeconds(10)).until(() -> stateOf(m.id()) == MessageState.BLOCKED);
		assertThat(outbox.find(tenant, m.id()).reason()).contains("SUPPRESSED");
		assertThat(submissionsTo(phone)).isEmpty();
	}

	@Test
	@DisplayName("FR-07: a marketing SMS queued outside the sending window waits for it, without spending an attempt")
	void aMessageOutsideTheWindowIsDeferred() {
		String phone = "+33612000103";
		String contact = consentingContact(phone);
		clock.advance(Duration.ofHours(12)); // Tuesday 21:00 UTC: after the 20:00 Paris limit

		OutboxMessage m = enqueue(contact, phone, "Promo. STOP au 36111", null);

		await().atMost(Duration.ofSeconds(10))
			.until(() -> outbox.find(tenant, m.id()).reason() != null);
		OutboxMessage deferred = outbox.find(tenant, m.id());
		assertThat(deferred.state()).isEqualTo(MessageState.QUEUED);
		assertThat(deferred.attempts()).isZero();
		assertThat(deferred.nextAttemptAt()).isAfter(clock.instant().plus(Duration.ofHours(9)));
		assertThat(submissionsTo(phone)).isEmpty();
	}

	@Test
	void aRefusedNumberFailsForGoodAndAThrottledSmscOnlySlowsTheDispatch() {
		String refused = "+33612000104";
		String fine = "+33612000105";
		smsc.refuse(refused.substring(1));
		smsc.throttleNext(3);
		OutboxMessage a = enqueue(consentingContact(refused), refused, "Promo. STOP au 36111", null);
		OutboxMessage b = enqueue(consentingContact(fine), fine, "Promo. STOP au 36111", null);

		await().atMost(Duration.ofSeconds(15))
			.until(() -> stateOf(a.id()).settled() && stateOf(b.id()) == MessageState.SENT);
		assertThat(stateOf(a.id())).isEqualTo(MessageState.FAILED);
		assertThat(submissionsTo(fine)).hasSize(1);
	}

	@Test
	@DisplayName("The SMSC drops the connection mid-batch: no message is lost silently and none reaches it twice")
	void aConnectionDroppedMidBatchLosesAndRepeatsNothing() {
		List<OutboxMessage> queued = new ArrayList<>();
		List<String> phones = new ArrayList<>();
		Instant later = clock.instant().plus(Duration.ofHours(1));
		for (int i = 0; i < 40; i++) {
			String phone = String.format("+336140%05d", i);
			phones.add(phone);
			queued.add(enqueue(consentingContact(phone), phone, "Offre du jour. STOP au 36111", later));
		}
		int arrived = smsc.submissions().size();
		smsc.dropConnectionAtArrival(smsc.arrivals() + 15);
		clock.advance(Duration.ofHours(1));

		await().atMost(Duration.ofSeconds(30))
			.until(() -> queued.stream().allMatch(m -> {
				MessageState s = stateOf(m.id());
				return s == MessageState.SENT || s == MessageState.UNCERTAIN || s == MessageState.FAILED;
			}));
		for (int i = 0; i < queued.size(); i++) {
			MessageState state = stateOf(queued.get(i).id());
			int copies = submissionsTo(phones.get(i)).size();
			assertThat(copies).as("copies of %s at the SMSC", phones.get(i)).isLessThanOrEqualTo(1);
			if (state == MessageState.SENT) {
				assertThat(copies).as("a SENT message reached the SMSC").isEqualTo(1);
			}
		}
		// Those caught in flight by the drop are UNCERTAIN (their answer never came) and not sent again;
		// those not yet written went again on the new session. None is lost without being reported.
		assertThat(queued.stream().map(m -> stateOf(m.id()))).contains(MessageState.UNCERTAIN)
			.allMatch(s -> s == MessageState.SENT || s == MessageState.UNCERTAIN);
		assertThat(queued.stream().filter(m -> stateOf(m.id()) == MessageState.SENT).count())
			.isGreaterThanOrEqualTo(40 - 8L);
		assertThat(smsc.submissions().size() - arrived).isLessThanOrEqualTo(40);
	}

	@Test
	@DisplayName("US-02, GDPR-07: STOP replies racing a running dispatch; nothing reaches the SMSC after a STOP committed")
	void stopRepliesRacingADispatchWinEveryTime() throws Exception {
		int numbers = 60;
		int perNumber = 8;
		List<String> phones = new ArrayList<>();
		List<String> contacts = new ArrayList<>();
		for (int i = 0; i < numbers; i++) {
			String phone = String.format("+336130%05d", i);
			phones.add(phone);
			contacts.add(consentingContact(phone));
		}
		// A slow SMSC keeps the dispatch running while the STOPs arrive.
		smsc.answerAfter(20);
		List<OutboxMessage> queued = new ArrayList<>();
		Instant later = clock.instant().plus(Duration.ofHours(1));
		for (int round = 0; round < perNumber; round++) {
			for (int i = 0; i < numbers; i++) {
				queued.add(enqueue(contacts.get(i), phones.get(i), "Offre " + round + " pour vous. STOP au 36111", later));
			}
		}
		clock.advance(Duration.ofHours(1)); // all due at once
		Map<String, Long> committedAt = new ConcurrentHashMap<>();
		List<String> order = new ArrayList<>(phones);
		Collections.shuffle(order, new Random(7));
		ExecutorService senders = Executors.newFixedThreadPool(4);
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> smsc.submissions().size() > 20);
			List<Future<?>> stops = new ArrayList<>();
			for (String phone : order) {
				stops.add(senders.submit(() -> stop(phone, committedAt)));
			}
			for (Future<?> f : stops) {
				f.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			senders.shutdown();
			smsc.answerAfter(0);
		}
		await().atMost(Duration.ofSeconds(60))
			.until(() -> queued.stream().allMatch(m -> stateOf(m.id()).settled()));

		int late = 0;
		int before = 0;
		for (TestSmsc.Submission s : smsc.submissions()) {
			String text = new String(s.shortMessage(), StandardCharsets.ISO_8859_1);
			Long committed = committedAt.get("+" + s.destination());
			if (committed == null || !text.startsWith("Offre")) {
				continue; // another test's number, or the opt-out confirmation (US-03), which must go
			}
			if (s.arrivedNanos() > committed) {
				late++;
			}
			else {
				before++;
			}
		}
		long blocked = queued.stream().filter(m -> stateOf(m.id()) == MessageState.BLOCKED).count();
		assertThat(late).as("offers that reached the SMSC after their number's STOP committed").isZero();
		// The race happened: some offers left before their STOP, others were stopped by it.
		assertThat(before).isPositive();
		assertThat(blocked).isPositive();
		assertThat(queued.stream().map(m -> stateOf(m.id())))
			.allMatch(s -> s == MessageState.SENT || s == MessageState.BLOCKED);
	}

	private void stop(String phone, Map<String, Long> committedAt) {
		new TransactionTemplate(transactions).executeWithoutResult(status -> {
			inbound.receive(tenant, new InboundSms(InboundProvider.API, phone, "36111", "STOP", clock.instant(),
					"mo-" + phone + "-" + System.nanoTime())); // clock-ok: a unique id
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					committedAt.put(phone, System.nanoTime());
				}
			});
		});
	}

	/** A sender profile with a short code of this test's own, so that replies to it reach this tenant. */
	String senderProfile() {
		String code = String.valueOf(40000 + new Random().nextInt(50000));
		Api.Response r = api.send(api.builder("/api/v1/messaging/sender")
			.header("Content-Type", "application/json")
			.PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"brand\":\"Acme\",\"smsSenderId\":\"ACME\","
					+ "\"smsOptOutMention\":\"STOP au " + code + "\",\"optOutMode\":\"APPEND\",\"inboundNumbers\":[\""
					+ code + "\"]}")));
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		return code;
	}

	@Test
	@DisplayName("KW-01, US-03: a STOP sent over SMPP suppresses the number and its confirmation leaves through the outbox")
	void aStopOverSmppSuppressesAndIsConfirmed() throws Exception {
		String code = senderProfile();
		String phone = "+33612000107";
		consentingContact(phone);

		smsc.deliverFromPerson(phone.substring(1), code, (byte) 0x00, "STOP".getBytes(StandardCharsets.US_ASCII));

		await().atMost(Duration.ofSeconds(10))
			.until(() -> suppressions.isSuppressed(tenant, Channel.SMS,
					jdbc.sql("SELECT phone_hash FROM contact WHERE tenant_id = ? AND phone = ?")
						.params(tenant.value(), phone)
						.query(String.class)
						.single()));
		await().atMost(Duration.ofSeconds(10)).until(() -> submissionsTo(phone).size() == 1);
		TestSmsc.Submission confirmation = submissionsTo(phone).get(0);
		assertThat(confirmation.source()).isEqualTo(code);
		assertThat(new String(confirmation.shortMessage(), StandardCharsets.ISO_8859_1)).startsWith("Acme")
			.contains("ne recevrez plus");
	}

	@Test
	@DisplayName("FR-05, FR-06: POST /api/v1/messages leaves from the profile's sender with the opt-out mention")
	void theMessagesApiQueuesWhatTheProfileAllows() {
		String phone = "+33612000108";
		String contact = consentingContact(phone);
		Api.Response noSender = api.post("/api/v1/messages", "{\"channel\":\"SMS\",\"contactId\":\"" + contact
				+ "\",\"purpose\":\"promotions\",\"text\":\"Soldes -30%\"}");
		assertThat(noSender.status()).as(noSender.body()).isEqualTo(422);
		assertThat(noSender.body()).contains("smsSenderId");
		String code = senderProfile();

		Api.Response queued = api.post("/api/v1/messages", "{\"channel\":\"SMS\",\"contactId\":\"" + contact
				+ "\",\"purpose\":\"promotions\",\"text\":\"Soldes -30%\"}");

		assertThat(queued.status()).as(queued.body()).isEqualTo(201);
		assertThat(queued.json().path("sms").path("segments").asInt()).isEqualTo(1);
		String id = queued.text("id");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "SENT".equals(api.get("/api/v1/messages/" + id).text("state")));
		String sent = new String(submissionsTo(phone).get(0).shortMessage(), StandardCharsets.ISO_8859_1);
		// The alphanumeric sender ACME names the brand (EP-03); the mention is appended (FR-05).
		assertThat(sent).startsWith("Soldes -30%").endsWith("STOP au " + code);
		assertThat(submissionsTo(phone).get(0).source()).isEqualTo("ACME");

		Api.Response stranger = api.post("/api/v1/messages",
				"{\"channel\":\"SMS\",\"phone\":\"+33612000199\",\"purpose\":\"promotions\",\"text\":\"Soldes\"}");
		assertThat(stranger.status()).as(stranger.body()).isEqualTo(422);
		assertThat(stranger.text("type")).endsWith("not-eligible");
	}

	@Test
	@DisplayName("A message whose submission a crash interrupted is UNCERTAIN at the next start and never sent again")
	void aCrashDuringSubmissionLeavesTheMessageUncertain(@Autowired OutboxStore store) {
		String phone = "+33612000106";
		String contact = consentingContact(phone);
		OutboxMessage m = enqueue(contact, phone, "Promo. STOP au 36111", clock.instant().plusSeconds(3600));
		// What a crash between the claim and the recording of the outcome leaves behind.
		jdbc.sql("UPDATE outbox_message SET state = 'SUBMITTING', attempts = 1 WHERE tenant_id = ? AND message_id = ?")
			.params(tenant.value(), m.id())
			.update();
		clock.advance(Duration.ofHours(2));

		Dispatcher.Transport nothingLeaves = new Dispatcher.Transport() {
			@Override
			public String provider() {
				return "smpp";
			}

			@Override
			public java.util.concurrent.CompletableFuture<org.optinel.messaging.SubmitOutcome> send(OutboxMessage msg) {
				throw new AssertionError("nothing may be sent");
			}
		};
		Dispatcher.Transactions inTransactions = new Dispatcher.Transactions() {
			@Override
			public <T> T inTransaction(java.util.function.Supplier<T> work) {
				return new TransactionTemplate(transactions).execute(s -> work.get());
			}
		};
		Dispatcher restarted = new Dispatcher(Channel.SMS, nothingLeaves, DispatchSettings.defaults(), store,
				inTransactions, new NeverAsked(), new RecipientGuard(), settled -> {
				}, () -> List.of(tenant), clock);
		try {
			restarted.start();
		}
		finally {
			restarted.close();
		}

		OutboxMessage after = outbox.find(tenant, m.id());
		assertThat(after.state()).isEqualTo(MessageState.UNCERTAIN);
		assertThat(after.reason()).contains("may have left");
		assertThat(submissionsTo(phone)).isEmpty();
	}

	private static final class NeverAsked implements Dispatcher.Decider {

		@Override
		public java.util.Set<String> suppressed(List<OutboxMessage> claimed) {
			throw new AssertionError("nothing is due");
		}

		@Override
		public Dispatcher.Verdict screen(OutboxMessage message, Instant at) {
			throw new AssertionError("nothing is due");
		}

		@Override
		public Dispatcher.Verdict decide(OutboxMessage message, Instant at) {
			throw new AssertionError("nothing is due");
		}
	}
}
