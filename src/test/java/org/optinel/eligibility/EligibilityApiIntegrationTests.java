package org.optinel.eligibility;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optinel.core.Channel;
import org.optinel.core.EmailAddress;
import org.optinel.core.PhoneNumber;
import org.optinel.core.TenantId;
import org.optinel.suppression.SuppressionList;
import org.optinel.suppression.SuppressionReason;
import org.optinel.tenancy.IdentifierHashing;
import org.optinel.testing.Api;
import org.optinel.testing.TestTenants;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The eligibility decision through HTTP and the audience, on a varied base; runs on SQLite and on
 * PostgreSQL through its two subclasses.
 */
abstract class EligibilityApiIntegrationTests {

	static final String WEB_FORM_EVIDENCE = "{\"formId\":\"signup\",\"ip\":\"203.0.113.7\",\"userAgent\":\"Mozilla/5.0\","
			+ "\"checkbox\":{\"prechecked\":false,\"separateFromTerms\":true}}";

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	SuppressionList suppressions;

	@Autowired
	EligibilityManagement eligibility;

	@Autowired
	EligibilityIndex index;

	@Autowired
	IdentifierHashing hashing;

	Api api;

	TenantId tenant;

	Map<String, String> notices = new java.util.HashMap<>();

	/** Next Tuesday 10:00 UTC (12:00 in Paris in summer, 11:00 in winter): inside every French window. */
	Instant tuesdayNoon;

	@BeforeEach
	void newTenantWithPurposes() {
		var issued = tenants.create();
		tenant = issued.tenant().id();
		api = new Api(port, issued.apiKey());
		purpose("promotions", "MARKETING", true);
		purpose("newsletter", "MARKETING", false);
		purpose("service", "TRANSACTIONAL", false);
		LocalDate tuesday = LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.next(DayOfWeek.TUESDAY));
		while (FrenchHolidays.isHoliday(tuesday)) {
			tuesday = tuesday.plusWeeks(1);
		}
		tuesdayNoon = tuesday.atTime(10, 0).toInstant(ZoneOffset.UTC);
	}

	void purpose(String key, String kind, boolean similar) {
		Api.Response p = api.post("/api/v1/purposes", "{\"key\":\"" + key + "\",\"name\":\"" + key + "\",\"kind\":\"" + kind
				+ "\",\"similarProducts\":" + similar + "}");
		assertThat(p.status()).as(p.body()).isEqualTo(201);
		Api.Response n = api.post("/api/v1/notices",
				"{\"purpose\":\"" + key + "\",\"language\":\"fr\",\"text\":\"Texte pour " + key + "\"}");
		assertThat(n.status()).as(n.body()).isEqualTo(201);
		notices.put(key, n.text("id"));
	}

	String contact(String json) {
		Api.Response r = api.post("/api/v1/contacts", json);
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r.text("id");
	}

	void purchase(String contactId, Instant at) {
		Api.Response r = api.post("/api/v1/contacts/" + contactId + "/activities",
				"{\"type\":\"PURCHASE\",\"occurredAt\":\"" + at + "\"}");
		assertThat(r.status()).as(r.body()).isEqualTo(201);
	}

	void answer(String contactId, String channel, String purpose, String action) {
		String body = "{\"contactId\":\"" + contactId + "\",\"channel\":\"" + channel + "\",\"purpose\":\"" + purpose
				+ "\",\"action\":\"" + action + "\",\"source\":\"WEB_FORM\",\"noticeId\":\"" + notices.get(purpose)
				+ "\",\"evidence\":" + WEB_FORM_EVIDENCE + "}";
		Api.Response r = api.post("/api/v1/consents", body);
		assertThat(r.status()).as(r.body()).isEqualTo(201);
	}

	JsonNode decide(String query) {
		Api.Response r = api.get("/api/v1/eligibility?" + query);
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		return r.json();
	}

	/** A varied base: every row of the decision order on both channels. */
	List<String> variedBase() {
		Instant recently = Instant.now().minus(20, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
		List<String> ids = new ArrayList<>();
		String consenting = contact("{\"phone\":\"+33612000001\",\"email\":\"a@example.com\"}");
		answer(consenting, "SMS", "promotions", "GRANT");
		answer(consenting, "EMAIL", "newsletter", "GRANT");
		ids.add(consenting);
		String withdrawn = contact("{\"phone\":\"+33612000002\",\"email\":\"b@example.com\",\"collectedInSale\":true,"
				+ "\"optOutOffered\":true}");
		purchase(withdrawn, recently);
		answer(withdrawn, "SMS", "promotions", "GRANT");
		answer(withdrawn, "SMS", "promotions", "WITHDRAW");
		ids.add(withdrawn);
		String softOptIn = contact("{\"phone\":\"+262692000003\",\"email\":\"c@example.com\",\"collectedInSale\":true,"
				+ "\"optOutOffered\":true}");
		purchase(softOptIn, recently);
		ids.add(softOptIn);
		String prospectFromSale = contact("{\"phone\":\"+33612000004\",\"collectedInSale\":true,\"optOutOffered\":true}");
		ids.add(prospectFromSale);
		String professional = contact("{\"email\":\"pro@example.com\",\"professional\":true}");
		ids.add(professional);
		String stopped = contact("{\"phone\":\"+33612000006\",\"email\":\"f@example.com\"}");
		answer(stopped, "SMS", "promotions", "GRANT");
		answer(stopped, "EMAIL", "promotions", "GRANT");
		suppressions.addPhone(tenant, new PhoneNumber("+33612000006"), Channel.SMS, SuppressionReason.SMS_STOP,
				Map.of("messageId", "m-1"));
		ids.add(stopped);
		String objected = contact("{\"phone\":\"+33612000007\",\"email\":\"g@example.com\"}");
		answer(objected, "EMAIL", "promotions", "GRANT");
		suppressions.addEmail(tenant, new EmailAddress("g@example.com"), null, SuppressionReason.OBJECTION,
				Map.of("note", "objection by letter"));
		ids.add(objected);
		String unsubscribed = contact("{\"email\":\"h@example.com\"}");
		answer(unsubscribed, "EMAIL", "promotions", "GRANT");
		suppressions.addEmail(tenant, new EmailAddress("h@example.com"), Channel.EMAIL,
				SuppressionReason.EMAIL_UNSUBSCRIBE, Map.of("token", "t"));
		ids.add(unsubscribed);
		return ids;
	}

	/** Every row of the order, through HTTP, from SQL and then from memory: the same answers. */
	@Test
	void decisionsFollowTheOrderFromSqlAndFromMemoryAlike() {
		List<String> ids = variedBase();
		String at = "&at=" + tuesdayNoon;
		List<String> fromSql = new ArrayList<>();
		for (String id : ids) {
			for (String q : List.of("channel=SMS&purpose=promotions", "channel=EMAIL&purpose=promotions",
					"channel=EMAIL&purpose=newsletter", "channel=SMS&purpose=service", "channel=EMAIL&purpose=service")) {
				fromSql.add(decide("contactId=" + id + "&" + q + at).toString());
			}
		}
		index.loadNow(tenant);
		assertThat(index.loaded(tenant)).isTrue();
		List<String> fromMemory = new ArrayList<>();
		for (String id : ids) {
			for (String q : List.of("channel=SMS&purpose=promotions", "channel=EMAIL&purpose=promotions",
					"channel=EMAIL&purpose=newsletter", "channel=SMS&purpose=service", "channel=EMAIL&purpose=service")) {
				fromMemory.add(decide("contactId=" + id + "&" + q + at).toString());
			}
		}
		assertThat(fromMemory).isEqualTo(fromSql);

		// EP-01: consent; GDPR-05: withdrawn; EP-02: soft opt-in for a live client from a sale; FR-03: not a prospect
		assertThat(decide("contactId=" + ids.get(0) + "&channel=SMS&purpose=promotions" + at).path("basis").asText())
			.isEqualTo("CONSENT");
		assertThat(decide("contactId=" + ids.get(1) + "&channel=SMS&purpose=promotions" + at).path("reason").asText())
			.isEqualTo("WITHDRAWN");
		assertThat(decide("contactId=" + ids.get(2) + "&channel=EMAIL&purpose=promotions" + at).path("basis").asText())
			.isEqualTo("SOFT_OPT_IN");
		assertThat(decide("contactId=" + ids.get(2) + "&channel=EMAIL&purpose=newsletter" + at).path("reason").asText())
			.isEqualTo("NO_LEGAL_BASIS");
		assertThat(decide("contactId=" + ids.get(3) + "&channel=SMS&purpose=promotions" + at).path("reason").asText())
			.isEqualTo("NO_LEGAL_BASIS");
		// FR-04
		assertThat(decide("contactId=" + ids.get(4) + "&channel=EMAIL&purpose=newsletter" + at).path("basis").asText())
			.isEqualTo("LEGITIMATE_INTEREST_B2B");
		assertThat(decide("contactId=" + ids.get(4) + "&channel=SMS&purpose=newsletter" + at).path("reason").asText())
			.isEqualTo("NO_ADDRESS");
		// GDPR-07 and KW-01: the STOP silences marketing and transactional texts, not email
		JsonNode stop = decide("contactId=" + ids.get(5) + "&channel=SMS&purpose=promotions" + at);
		assertThat(stop.path("decision").asText()).isEqualTo("DENY");
		assertThat(stop.path("reason").asText()).isEqualTo("SUPPRESSED");
		assertThat(decide("contactId=" + ids.get(5) + "&channel=SMS&purpose=service" + at).path("reason").asText())
			.isEqualTo("SUPPRESSED");
		assertThat(decide("contactId=" + ids.get(5) + "&channel=EMAIL&purpose=promotions" + at).path("basis").asText())
			.isEqualTo("CONSENT");
		// An objection for all channels on the email also silences the phone
		assertThat(decide("contactId=" + ids.get(6) + "&channel=SMS&purpose=promotions" + at).path("reason").asText())
			.isEqualTo("SUPPRESSED");
		// An email unsubscribe does not stop a transactional email
		assertThat(decide("contactId=" + ids.get(7) + "&channel=EMAIL&purpose=promotions" + at).path("reason").asText())
			.isEqualTo("SUPPRESSED");
		assertThat(decide("contactId=" + ids.get(7) + "&channel=EMAIL&purpose=service" + at).path("basis").asText())
			.isEqualTo("TRANSACTIONAL");
	}

	/** GDPR-07, US-02: a suppression committed after the index was loaded denies the very next decision. */
	@Test
	void aSuppressionIsNeverMissedByTheIndexGDPR07() {
		String id = contact("{\"phone\":\"+33612000011\"}");
		answer(id, "SMS", "promotions", "GRANT");
		index.loadNow(tenant);
		String q = "contactId=" + id + "&channel=SMS&purpose=promotions&at=" + tuesdayNoon;
		assertThat(decide(q).path("decision").asText()).isEqualTo("ALLOW");
		suppressions.addPhone(tenant, new PhoneNumber("+33612000011"), Channel.SMS, SuppressionReason.SMS_STOP,
				Map.of("messageId", "m-2"));
		assertThat(decide(q).path("reason").asText()).isEqualTo("SUPPRESSED");
		// and a withdrawal, the same (GDPR-05)
		String other = contact("{\"phone\":\"+33612000012\"}");
		answer(other, "SMS", "promotions", "GRANT");
		answer(other, "SMS", "promotions", "WITHDRAW");
		assertThat(decide("contactId=" + other + "&channel=SMS&purpose=promotions&at=" + tuesdayNoon).path("reason")
			.asText()).isEqualTo("WITHDRAWN");
	}

	/**
	 * Grants committed after the index was loaded are read again in the background, many contacts
	 * per read (more than one chunk of EligibilityStore.MAX_NAMED here), and are then allowed from
	 * memory.
	 */
	@Test
	void grantsAfterTheLoadAreAllowedFromMemoryOnceReadAgainEP01() {
		int count = EligibilityStore.MAX_NAMED + 20;
		List<String> ids = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			ids.add(contact("{\"phone\":\"+336130" + String.format("%05d", i) + "\"}"));
		}
		index.loadNow(tenant);
		String q = "&channel=SMS&purpose=promotions&at=" + tuesdayNoon;
		assertThat(decide("contactId=" + ids.get(0) + q).path("reason").asText()).isEqualTo("NO_LEGAL_BASIS");

		StringBuilder events = new StringBuilder();
		for (String id : ids) {
			events.append(events.isEmpty() ? "" : ",")
				.append("{\"contactId\":\"").append(id)
				.append("\",\"channel\":\"SMS\",\"purpose\":\"promotions\",\"action\":\"GRANT\",\"source\":\"WEB_FORM\",")
				.append("\"noticeId\":\"").append(notices.get("promotions")).append("\",\"evidence\":")
				.append(WEB_FORM_EVIDENCE).append('}');
		}
		Api.Response recorded = api.post("/api/v1/consents/batch", "{\"events\":[" + events + "]}");
		assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);

		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
			for (String id : List.of(ids.get(0), ids.get(EligibilityStore.MAX_NAMED), ids.get(count - 1))) {
				assertThat(decide("contactId=" + id + q).path("basis").asText()).isEqualTo("CONSENT");
			}
		});
		for (String id : ids) {
			assertThat(index.holds(tenant, id)).isTrue();
			assertThat(decide("contactId=" + id + q).path("basis").asText()).as(id).isEqualTo("CONSENT");
		}
	}

	/**
	 * A grant is a basis to send as soon as its answer is given, not once the index has read it again:
	 * until then the contact is decided from SQL, not from the index's older facts.
	 */
	@Test
	void aGrantAllowsAtOnceWhileTheIndexHasNotReadItYetEP01() {
		String id = contact("{\"phone\":\"+33613100001\"}");
		index.loadNow(tenant);
		String q = "contactId=" + id + "&channel=SMS&purpose=promotions&at=" + tuesdayNoon;
		assertThat(decide(q).path("reason").asText()).isEqualTo("NO_LEGAL_BASIS");
		assertThat(index.holds(tenant, id)).isTrue();

		answer(id, "SMS", "promotions", "GRANT");
		// Read back within the gathering delay, before the background thread ran.
		assertThat(decide(q).path("basis").asText()).isEqualTo("CONSENT");
		assertThat(index.holds(tenant, id)).isTrue();
	}

	/** FR-07: at 21:00 in Paris a marketing SMS is deferred to the next morning; Réunion has its own clock. */
	@Test
	void marketingSmsOutsideTheWindowIsDeferredFR07() {
		String paris = contact("{\"phone\":\"+33612000021\"}");
		answer(paris, "SMS", "promotions", "GRANT");
		Instant ninePm = tuesdayNoon.plus(9, ChronoUnit.HOURS); // 21:00 or 20:00 in Paris, closed either way
		JsonNode d = decide("contactId=" + paris + "&channel=SMS&purpose=promotions&at=" + ninePm);
		assertThat(d.path("decision").asText()).isEqualTo("DEFER");
		assertThat(d.path("basis").asText()).isEqualTo("CONSENT");
		assertThat(Instant.parse(d.path("notBefore").asText())).isAfter(ninePm)
			.isBefore(ninePm.plus(14, ChronoUnit.HOURS));
	}

	/** A phone in no contact: NO_LEGAL_BASIS, unless it is suppressed (FR-10: the hash outlives the contact). */
	@Test
	void anIdentifierNotInTheBaseIsDenied() {
		JsonNode unknown = decide("phone=%2B33699999901&channel=SMS&purpose=promotions");
		assertThat(unknown.path("inBase").asBoolean()).isFalse();
		assertThat(unknown.path("reason").asText()).isEqualTo("NO_LEGAL_BASIS");
		suppressions.addPhone(tenant, new PhoneNumber("+33699999901"), Channel.SMS, SuppressionReason.SMS_STOP,
				Map.of("messageId", "m-3"));
		assertThat(decide("phone=0699999901&channel=SMS&purpose=promotions").path("reason").asText())
			.isEqualTo("SUPPRESSED");
	}

	/** SEED-02: the audience is the set of contacts whose own decision is ALLOW, for every channel and purpose. */
	@Test
	void theAudienceEqualsThePerContactDecisions() {
		List<String> ids = variedBase();
		for (Channel channel : Channel.values()) {
			for (String purpose : List.of("promotions", "newsletter", "service")) {
				for (Instant at : List.of(tuesdayNoon, tuesdayNoon.plus(9, ChronoUnit.HOURS))) {
					Set<String> expected = new HashSet<>();
					for (String id : ids) {
						JsonNode d = decide("contactId=" + id + "&channel=" + channel + "&purpose=" + purpose + "&at=" + at);
						if (d.path("decision").asText().equals("ALLOW")) {
							expected.add(id);
						}
					}
					Set<String> audience = new HashSet<>();
					long count = eligibility.audience(tenant, channel, purpose, at, audience::add);
					assertThat(audience).as(channel + " " + purpose + " at " + at).isEqualTo(expected);
					assertThat(count).isEqualTo(expected.size());
				}
			}
		}
	}

	/** Batches answer in order; more than 10,000 is refused. */
	@Test
	void batchAnswersInOrderAndRefusesTooMany() {
		String id = contact("{\"phone\":\"+33612000031\"}");
		answer(id, "SMS", "promotions", "GRANT");
		Api.Response r = api.post("/api/v1/eligibility/batch", "{\"channel\":\"SMS\",\"purpose\":\"promotions\",\"at\":\""
				+ tuesdayNoon + "\",\"contacts\":[{\"contactId\":\"" + id + "\"},{\"phone\":\"+33699999902\"}]}");
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		JsonNode decisions = r.json().path("decisions");
		assertThat(decisions.get(0).path("decision").asText()).isEqualTo("ALLOW");
		assertThat(decisions.get(1).path("reason").asText()).isEqualTo("NO_LEGAL_BASIS");
		StringBuilder many = new StringBuilder("{\"channel\":\"SMS\",\"purpose\":\"promotions\",\"contacts\":[");
		for (int i = 0; i <= EligibilityManagement.MAX_BATCH; i++) {
			many.append(i == 0 ? "" : ",").append("{\"contactId\":\"").append(id).append("\"}");
		}
		Api.Response tooMany = api.post("/api/v1/eligibility/batch", many.append("]}").toString());
		assertThat(tooMany.status()).as(tooMany.body()).isEqualTo(422);
		assertThat(tooMany.body()).contains("contacts");
	}

	/** Bad input is a 4xx naming the field, never a 500. */
	@Test
	void badInputIsAClearProblem() {
		String id = contact("{\"phone\":\"+33612000041\"}");
		Map<String, String> cases = Map.of("contactId=" + id + "&channel=FAX&purpose=promotions", "channel",
				"contactId=" + id + "&channel=SMS&purpose=nothing", "purpose",
				"phone=12&channel=SMS&purpose=promotions", "phone",
				"contactId=" + id + "&channel=SMS&purpose=promotions&at=tomorrow", "at",
				"contactId=" + id + "&channel=SMS&purpose=promotions&at=1700000000", "at",
				"contactId=not-an-id&channel=SMS&purpose=promotions", "contactId",
				"channel=SMS&purpose=promotions", "contactId");
		cases.forEach((query, field) -> {
			Api.Response r = api.get("/api/v1/eligibility?" + query);
			assertThat(r.status()).as(query + " " + r.body()).isBetween(400, 422);
			assertThat(r.body()).as(query).contains(field);
		});
		assertThat(api.get("/api/v1/eligibility?contactId=0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b&channel=SMS&purpose=promotions")
			.status()).isEqualTo(404);
	}

	/** FR-07, US-05: windows are tenant settings within the hard limits; outside them a 422 names the field. */
	@Test
	void windowsAreSetWithinTheHardLimits() {
		Api.Response get = api.get("/api/v1/eligibility/windows");
		assertThat(get.json().path("france").path("end").asText()).isEqualTo("20:00");
		Api.Response wider = api.send(api.builder("/api/v1/eligibility/windows")
			.PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"france\":{\"start\":\"09:00\",\"end\":\"22:00\"}}"))
			.header("Content-Type", "application/json"));
		assertThat(wider.status()).as(wider.body()).isEqualTo(200);
		assertThat(api.get("/api/v1/eligibility/windows").json().path("france").path("end").asText()).isEqualTo("22:00");
		Api.Response tooLate = api.send(api.builder("/api/v1/eligibility/windows")
			.PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"unitedStates\":{\"start\":\"08:00\",\"end\":\"22:00\"}}"))
			.header("Content-Type", "application/json"));
		assertThat(tooLate.status()).as(tooLate.body()).isEqualTo(422);
		assertThat(tooLate.body()).contains("unitedStates").contains("US-05");
		assertThat(api.get("/api/v1/eligibility/windows").json().path("unitedStates").path("end").asText())
			.isEqualTo("21:00");
	}
	/**
	 * Campaigns find who holds a suppressed number through this lookup (SEED-02, GDPR-07): the same
	 * answer from the database before the tenant's index is loaded and from memory after.
	 */
	@Test
	void theHolderOfAPhoneHashIsFoundBeforeAndAfterTheIndexLoads() {
		String holder = contact("{\"phone\":\"+33612000091\",\"email\":\"holder@example.com\"}");
		contact("{\"phone\":\"+33612000092\"}");
		String phoneHash = hashing.phone(tenant, new PhoneNumber("+33612000091"));
		String emailHash = hashing.email(tenant, new EmailAddress("holder@example.com"));
		String nobody = hashing.phone(tenant, new PhoneNumber("+33612000093"));

		assertThat(index.loaded(tenant)).isFalse();
		assertThat(eligibility.contactsWithPhoneHash(tenant, phoneHash)).containsExactly(holder);
		assertThat(eligibility.contactsWithPhoneHash(tenant, emailHash)).as("an email hash holds no phone").isEmpty();
		assertThat(eligibility.contactsWithPhoneHash(tenant, nobody)).isEmpty();

		index.loadNow(tenant);
		assertThat(eligibility.contactsWithPhoneHash(tenant, phoneHash)).containsExactly(holder);
		assertThat(eligibility.contactsWithPhoneHash(tenant, emailHash)).isEmpty();
		assertThat(eligibility.contactsWithPhoneHash(tenant, nobody)).isEmpty();
	}
}
