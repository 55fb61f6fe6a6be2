package org.optinel.consent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optinel.contacts.ContactId;
import org.optinel.core.Channel;
import org.optinel.core.TenantId;
import org.optinel.tenancy.IssuedTenant;
import org.optinel.testing.Api;
import org.optinel.testing.TestTenants;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optinel.consent.ConsentApiIntegrationTests.CONSENTS;
import static org.optinel.consent.ConsentApiIntegrationTests.WEB_FORM_EVIDENCE;
import static org.optinel.consent.ConsentApiIntegrationTests.grant;
import static org.optinel.consent.ConsentApiIntegrationTests.newsletterNotice;

/**
 * The hash chain, its verification, the projection and its rebuild, and concurrent appends; runs
 * on SQLite and on PostgreSQL through its two subclasses. Tampering is done as an attacker with
 * database access would: straight in the tables.
 */
@RecordApplicationEvents
abstract class ConsentLedgerIntegrationTests {

	private static final String VERIFY = "/api/v1/ledger/verify";

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ConsentManagement consents;

	@Autowired
	ConsentHistory history;

	Api api;

	TenantId tenant;

	String noticeId;

	@BeforeEach
	void newTenantWithANewsletter() {
		IssuedTenant issued = tenants.create();
		tenant = issued.tenant().id();
		api = new Api(port, issued.apiKey());
		noticeId = newsletterNotice(api);
	}

	@Test
	void anIntactChainVerifies() {
		recordThreeAnswers();

		JsonNode verified = api.get(VERIFY).json();

		assertThat(verified.path("ok").asBoolean()).as(verified.toString()).isTrue();
		assertThat(verified.path("eventsChecked").asLong()).isEqualTo(3);
		assertThat(verified.path("brokenSeq").isNull()).isTrue();
	}

	@Test
	void anEmptyLedgerVerifies() {
		assertThat(api.get(VERIFY).json().path("ok").asBoolean()).isTrue();
	}

	@Test
	void eachEventLinksToThePreviousHash() {
		recordThreeAnswers();

		List<String[]> links = jdbc.sql("SELECT prev_hash, hash FROM consent_event WHERE tenant_id = ? ORDER BY seq")
			.param(tenant.value())
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) })
			.list();

		assertThat(links.get(0)[0]).isEqualTo(ConsentChain.GENESIS);
		assertThat(links.get(1)[0]).isEqualTo(links.get(0)[1]);
		assertThat(links.get(2)[0]).isEqualTo(links.get(1)[1]);
	}

	@Test
	void aRowChangedInTheDatabaseBreaksTheChainAtThatSeq() {
		recordThreeAnswers();

		jdbc.sql("UPDATE consent_event SET action = 'GRANT' WHERE tenant_id = ? AND seq = 2").param(tenant.value()).update();

		JsonNode verified = api.get(VERIFY).json();
		assertThat(verified.path("ok").asBoolean()).isFalse();
		assertThat(verified.path("brokenSeq").asLong()).isEqualTo(2);
		assertThat(verified.path("eventsChecked").asLong()).isEqualTo(1);
		assertThat(verified.path("reason").asString()).contains("no longer matches its hash");
	}

	@Test
	void aRehashedRowStillBreaksTheChainAtTheNextSeq() {
		recordThreeAnswers();
		jdbc.sql("UPDATE consent_event SET occurred_at = occurred_at - 1000 WHERE tenant_id = ? AND seq = 2")
			.param(tenant.value())
			.update();
		// the attacker recomputes the changed event's own hash, but cannot fix the next link without rewriting everything after it
		String rehashed = jdbc.sql("SELECT * FROM consent_event WHERE tenant_id = ? AND seq = 2")
			.param(tenant.value())
			.query((rs, n) -> ConsentChain.hash(new ConsentEvent(tenant, 2, rs.getString("event_id"),
					new ContactId(rs.getString("contact_id")), Channel.valueOf(rs.getString("channel")),
					rs.getString("purpose_key"), ConsentAction.valueOf(rs.getString("action")),
					ConsentSource.valueOf(rs.getString("source")), rs.getString("notice_id"), rs.getString("notice_sha256"),
					rs.getBoolean("proven"), Instant.ofEpochMilli(rs.getLong("occurred_at")),
					Instant.ofEpochMilli(rs.getLong("recorded_at")), rs.getString("evidence_sha256"),
					rs.getString("prev_hash"), rs.getString("hash"))))
			.single();
		jdbc.sql("UPDATE consent_event SET hash = ? WHERE tenant_id = ? AND seq = 2").params(rehashed, tenant.value()).update();

		LedgerVerification verified = consents.verify(tenant);

		assertThat(verified.ok()).isFalse();
		assertThat(verified.brokenSeq()).isEqualTo(3);
	}

	@Test
	void changedEvidenceBreaksTheChainButErasedEvidenceDoesNot() {
		recordThreeAnswers();
		String firstEvent = jdbc.sql("SELECT event_id FROM consent_event WHERE tenant_id = ? AND seq = 1")
			.param(tenant.value()).query(String.class).single();

		jdbc.sql("UPDATE consent_evidence SET document = replace(document, '203.0.113.7', '198.51.100.1') WHERE tenant_id = ?"
				+ " AND event_id = ?").params(tenant.value(), firstEvent).update();
		assertThat(consents.verify(tenant).brokenSeq()).isEqualTo(1L);

		jdbc.sql("DELETE FROM consent_evidence WHERE tenant_id = ? AND event_id = ?").params(tenant.value(), firstEvent).update();
		assertThat(consents.verify(tenant).ok()).isTrue();
	}

	@Test
	void aDeletedLastEventIsDetected() {
		recordThreeAnswers();

		jdbc.sql("DELETE FROM consent_event WHERE tenant_id = ? AND seq = 3").param(tenant.value()).update();

		LedgerVerification verified = consents.verify(tenant);
		assertThat(verified.ok()).isFalse();
		assertThat(verified.brokenSeq()).isEqualTo(3L);
	}

	@Test
	void aDeletedEventInTheMiddleIsDetected() {
		recordThreeAnswers();

		jdbc.sql("DELETE FROM consent_event WHERE tenant_id = ? AND seq = 2").param(tenant.value()).update();

		assertThat(consents.verify(tenant).brokenSeq()).isEqualTo(2L);
	}

	@Test
	void theEvidenceIsKeptBesideTheChainAsSaltedCanonicalJson() {
		recordThreeAnswers();

		String document = jdbc.sql("SELECT v.document FROM consent_evidence v JOIN consent_event e ON e.tenant_id = v.tenant_id"
				+ " AND e.event_id = v.event_id WHERE e.tenant_id = ? AND e.seq = 1").param(tenant.value()).query(String.class).single();
		String committed = jdbc.sql("SELECT evidence_sha256 FROM consent_event WHERE tenant_id = ? AND seq = 1")
			.param(tenant.value()).query(String.class).single();

		assertThat(document).startsWith("{\"checkbox\":{\"prechecked\":false,\"separateFromTerms\":true},\"formId\":\"signup-2025\"")
			.contains("\"salt\":\"").contains("\"source\":\"WEB_FORM\"");
		assertThat(ConsentChain.sha256(document)).isEqualTo(committed);
		assertThat(jdbc.sql("SELECT count(*) FROM consent_event WHERE tenant_id = ? AND evidence_sha256 IS NULL")
			.param(tenant.value()).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void rebuildingTheProjectionReportsAndRepairsWhatDiffersFromTheLedger() {
		String contact = recordThreeAnswers();
		assertThat(consents.rebuild(tenant).differences()).isEmpty();

		jdbc.sql("UPDATE consent_state SET status = 'GRANTED' WHERE tenant_id = ? AND channel = 'SMS'").param(tenant.value()).update();
		jdbc.sql("DELETE FROM consent_state WHERE tenant_id = ? AND channel = 'EMAIL'").param(tenant.value()).update();

		ProjectionRebuild rebuild = consents.rebuild(tenant);
		assertThat(rebuild.eventsRead()).isEqualTo(3);
		assertThat(rebuild.differences()).extracting(ProjectionRebuild.Difference::channel)
			.containsExactlyInAnyOrder(Channel.SMS, Channel.EMAIL);
		assertThat(rebuild.differences()).filteredOn(d -> d.channel() == Channel.SMS)
			.singleElement()
			.satisfies(d -> {
				assertThat(d.expected()).isEqualTo(ConsentStatus.WITHDRAWN);
				assertThat(d.found()).isEqualTo(ConsentStatus.GRANTED);
			});
		assertThat(consents.rebuild(tenant).differences()).isEmpty();
		assertThat(consents.states(tenant, new ContactId(contact))).extracting(ConsentState::status)
			.containsExactly(ConsentStatus.GRANTED, ConsentStatus.WITHDRAWN);
	}

	@Test
	void eachEventLinksToThePreviousOneOfItsContactChannelAndPurposeAndEachStateToTheLast() {
		recordThreeAnswers();

		assertThat(jdbc.sql("SELECT key_prev_seq FROM consent_event WHERE tenant_id = ? ORDER BY seq")
			.param(tenant.value())
			.query((rs, n) -> rs.getObject(1) == null ? null : rs.getLong(1))
			.list()).containsExactly(null, 1L, null);
		assertThat(jdbc.sql("SELECT channel, last_seq FROM consent_state WHERE tenant_id = ? ORDER BY channel")
			.param(tenant.value())
			.query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2))
			.list()).containsExactly("EMAIL=3", "SMS=2");
	}

	@Test
	void aBackDatedAnswerDoesNotChangeTheStateButIsLinkedAndInTheProof() {
		String contact = recordThreeAnswers();
		// older than the withdrawal that holds: the state stays WITHDRAWN, from seq 2
		consents.record(tenant, new ConsentCapture(contact, null, null, List.of(Channel.SMS), List.of("newsletter"),
				ConsentAction.WITHDRAW, ConsentSource.ADMIN, null, Instant.parse("2020-01-01T00:00:00Z"),
				new EvidenceFields(null, null, null, null, null, null, null, null, null, null, "alice", "paper form", null)));

		assertThat(consents.states(tenant, new ContactId(contact))).filteredOn(s -> s.channel() == Channel.SMS)
			.singleElement()
			.satisfies(s -> assertThat(s.seq()).isEqualTo(2));
		assertThat(history.ofContact(tenant, new ContactId(contact))).extracting(ConsentHistory.Entry::seq)
			.containsExactly(1L, 2L, 3L, 4L);
		assertThat(consents.verify(tenant).ok()).isTrue();
		assertThat(consents.rebuild(tenant).differences()).isEmpty();
	}

	@Test
	void eventsOfOneKeyInOneBatchLinkToEachOtherAndToTheEventsBefore() {
		String contact = recordThreeAnswers();
		List<ConsentCapture> batch = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			batch.add(new ConsentCapture(contact, null, null, List.of(Channel.SMS), List.of("newsletter"),
					i % 2 == 0 ? ConsentAction.GRANT : ConsentAction.WITHDRAW, ConsentSource.ADMIN,
					i % 2 == 0 ? noticeId : null, null,
					new EvidenceFields(null, null, null, null, null, null, null, null, null, null, "alice", "call " + i, null)));
		}
		consents.recordAll(tenant, batch);

		assertThat(jdbc.sql("SELECT key_prev_seq FROM consent_event WHERE tenant_id = ? AND seq > 3 ORDER BY seq")
			.param(tenant.value())
			.query(Long.class)
			.list()).containsExactly(2L, 4L, 5L);
		assertThat(history.ofContact(tenant, new ContactId(contact))).extracting(ConsentHistory.Entry::seq)
			.containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
		assertThat(consents.verify(tenant).ok()).isTrue();
	}

	@Test
	void aChangedLinkIsReportedAtItsEventThoughTheChainHolds() {
		recordThreeAnswers();

		// seq 1 would drop out of the contact's proof
		jdbc.sql("UPDATE consent_event SET key_prev_seq = NULL WHERE tenant_id = ? AND seq = 2").param(tenant.value()).update();

		LedgerVerification verified = consents.verify(tenant);
		assertThat(verified.ok()).isFalse();
		assertThat(verified.brokenSeq()).isEqualTo(2L);
		assertThat(verified.eventsChecked()).isEqualTo(3);
		assertThat(verified.reason()).contains("does not link to the previous event of its contact, channel and purpose");
	}

	@Test
	void aStateNotNamingItsLastEventIsReportedThenRebuilt() {
		recordThreeAnswers();

		jdbc.sql("UPDATE consent_state SET last_seq = 1 WHERE tenant_id = ? AND channel = 'SMS'").param(tenant.value()).update();

		LedgerVerification verified = consents.verify(tenant);
		assertThat(verified.ok()).isFalse();
		assertThat(verified.brokenSeq()).isEqualTo(2L);
		assertThat(verified.reason()).contains("does not name it as their last event");
		assertThat(consents.rebuild(tenant).differences()).singleElement().satisfies(d -> {
			assertThat(d.channel()).isEqualTo(Channel.SMS);
			assertThat(d.expected()).isEqualTo(d.found());
			assertThat(d.expectedLastSeq()).isEqualTo(2L);
			assertThat(d.foundLastSeq()).isEqualTo(1L);
		});
		assertThat(consents.verify(tenant).ok()).isTrue();
	}

	@Test
	void grantsAndWithdrawalsArePublishedAsEvents(ApplicationEvents events) {
		ConsentCapture grant = new ConsentCapture(null, "0612345678", null, List.of(Channel.SMS), List.of("newsletter"),
				ConsentAction.GRANT, ConsentSource.ADMIN, noticeId, null,
				new EvidenceFields(null, null, null, null, null, null, null, null, null, null, "alice", "in the shop", null));
		RecordedConsent given = consents.record(tenant, grant);
		consents.record(tenant, new ConsentCapture(given.event().contact().value(), null, null, List.of(Channel.SMS),
				List.of("newsletter"), ConsentAction.WITHDRAW, ConsentSource.SMS_REPLY, null, null, null));

		assertThat(events.stream(ConsentGiven.class)).singleElement().satisfies(e -> {
			assertThat(e.contact()).isEqualTo(given.event().contact());
			assertThat(e.proven()).isTrue();
			assertThat(e.seq()).isEqualTo(1);
		});
		assertThat(events.stream(ConsentWithdrawn.class)).singleElement()
			.satisfies(e -> assertThat(e.action()).isEqualTo(ConsentAction.WITHDRAW));
	}

	@Test
	void concurrentAppendsFromEightThreadsKeepOneValidChainPerTenant() throws Exception {
		IssuedTenant second = tenants.create();
		Api other = api.as(second.apiKey());
		String otherNotice = newsletterNotice(other);
		int threads = 8;
		int perThread = 15;
		List<Api> apis = List.of(api, other);
		List<String> notices = List.of(noticeId, otherNotice);
		List<String> contactIds = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			Api target = apis.get(t % 2);
			contactIds.add(target.post("/api/v1/contacts", "{\"phone\":\"+3361234560" + t + "\"}").text("id"));
		}
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<List<Integer>>> results = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				Callable<List<Integer>> work = () -> {
					List<Integer> statuses = new ArrayList<>();
					for (int i = 0; i < perThread; i++) {
						String person = "\"contactId\":\"" + contactIds.get(thread) + "\"";
						String body = i % 2 == 0 ? grant(person, "SMS", notices.get(thread % 2), WEB_FORM_EVIDENCE)
								: "{" + person + ",\"channel\":\"SMS\",\"purpose\":\"newsletter\",\"action\":\"WITHDRAW\",\"source\":\"API\"}";
						statuses.add(apis.get(thread % 2).post(CONSENTS, body).status());
					}
					return statuses;
				};
				results.add(pool.submit(work));
			}
			for (Future<List<Integer>> result : results) {
				assertThat(result.get()).containsOnly(201);
			}
		}
		finally {
			pool.shutdown();
		}

		for (TenantId each : List.of(tenant, second.tenant().id())) {
			LedgerVerification verified = consents.verify(each);
			assertThat(verified.ok()).as(verified.toString()).isTrue();
			assertThat(verified.eventsChecked()).isEqualTo(threads / 2 * perThread);
			assertThat(consents.rebuild(each).differences()).isEmpty();
		}
		// every thread ended on a grant (15 answers, the last one even-numbered)
		for (int t = 0; t < threads; t++) {
			assertThat(apis.get(t % 2).get("/api/v1/contacts/" + contactIds.get(t)).json().path("consents").get(0)
				.path("status").asString()).isEqualTo("GRANTED");
		}
	}

	/** A web-form grant by SMS, a withdrawal by SMS and an email grant without evidence for one person; its id. */
	private String recordThreeAnswers() {
		String contact = api.post(CONSENTS, grant("\"phone\":\"0612345678\"", "SMS", noticeId, WEB_FORM_EVIDENCE)).text("contactId");
		assertThat(api.post(CONSENTS, "{\"contactId\":\"" + contact + "\",\"channel\":\"SMS\",\"purpose\":\"newsletter\","
				+ "\"action\":\"WITHDRAW\",\"source\":\"SMS_REPLY\",\"evidence\":{\"messageId\":\"in-7\",\"number\":\"+33612345678\","
				+ "\"text\":\"STOP\"}}").status()).isEqualTo(201);
		assertThat(api.post(CONSENTS, "{\"contactId\":\"" + contact + "\",\"channel\":\"EMAIL\",\"purpose\":\"newsletter\","
				+ "\"action\":\"GRANT\",\"source\":\"API\",\"noticeId\":\"" + noticeId + "\"}").status()).isEqualTo(201);
		return contact;
	}
}
