package org.optinel.consent;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optinel.testing.Api;
import org.optinel.testing.TestTenants;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optinel.testing.ProblemAssertions.assertProblem;

/**
 * A contact's proof of consent (GDPR-02) as JSON and as a printable page, checked from its content
 * alone as a regulator's reader would; runs on SQLite and on PostgreSQL through its two subclasses.
 */
abstract class ProofApiIntegrationTests {

	static final String NOTICE_TEXT = "J'accepte de recevoir la lettre <script>alert('notice')</script> par SMS.";

	static final String WEB_FORM_EVIDENCE = "{\"formId\":\"signup-2025\",\"ip\":\"203.0.113.7\",\"userAgent\":\"Mozilla/5.0\","
			+ "\"checkbox\":{\"prechecked\":false,\"separateFromTerms\":true}}";

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	JdbcClient jdbc;

	Api api;

	String tenantId;

	String noticeId;

	String contactId;

	String grantId;

	@BeforeEach
	void aContactWhoGrantedThenWithdrew() {
		var issued = tenants.create();
		tenantId = issued.tenant().id().value();
		api = new Api(port, issued.apiKey());
		assertThat(api.post("/api/v1/purposes", "{\"key\":\"newsletter\",\"name\":\"Lettre <b>mensuelle</b>\","
				+ "\"kind\":\"MARKETING\"}").status()).isEqualTo(201);
		Api.Response notice = api.post("/api/v1/notices", "{\"purpose\":\"newsletter\",\"language\":\"fr\",\"text\":"
				+ quote(NOTICE_TEXT) + "}");
		assertThat(notice.status()).as(notice.body()).isEqualTo(201);
		noticeId = notice.text("id");
		Api.Response contact = api.post("/api/v1/contacts",
				"{\"phone\":\"06 12 34 56 78\",\"firstName\":\"<script>alert('name')</script>\",\"lastName\":\"Durand\"}");
		assertThat(contact.status()).as(contact.body()).isEqualTo(201);
		contactId = contact.text("id");
		// another person's answer in between, so that the contact's events are not neighbours in the chain
		Api.Response granted = record(grant("\"contactId\":\"" + contactId + "\"", "2025-03-01T09:30:00Z"));
		grantId = granted.text("eventId");
		record(grant("\"phone\":\"0698765432\"", "2025-03-02T10:00:00Z"));
		record("{\"contactId\":\"" + contactId + "\",\"channel\":\"SMS\",\"purpose\":\"newsletter\",\"action\":\"WITHDRAW\","
				+ "\"source\":\"SMS_REPLY\",\"occurredAt\":\"2025-04-01T08:00:00Z\","
				+ "\"evidence\":{\"messageId\":\"mo-77\",\"number\":\"+33612345678\",\"text\":\"STOP\"}}");
	}

	// JSON

	@Test
	void theProofHoldsEveryEventWithWhatIsNeededToRecomputeItsHashGdpr02() throws Exception {
		Api.Response response = api.get("/api/v1/contacts/" + contactId + "/proof");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("application/json");
		JsonNode proof = response.json();
		assertThat(proof.path("controller").path("tenantId").asString()).isEqualTo(tenantId);
		assertThat(proof.path("contact").path("phone").asString()).isEqualTo("+33612345678");
		JsonNode events = proof.path("events");
		assertThat(events).hasSize(2);
		assertThat(events.get(0).path("seq").asLong()).isEqualTo(1);
		assertThat(events.get(0).path("action").asString()).isEqualTo("GRANT");
		assertThat(events.get(0).path("eventId").asString()).isEqualTo(grantId);
		assertThat(events.get(1).path("seq").asLong()).isEqualTo(3);
		assertThat(events.get(1).path("action").asString()).isEqualTo("WITHDRAW");
		List<String> names = strings(proof.path("encoding").path("hashedFieldNames"));
		for (JsonNode event : events) {
			List<String> fields = strings(event.path("hashedFields"));
			// a reader recomputes the hash from the proof alone, with the documented encoding
			assertThat(sha256(encode(fields))).isEqualTo(event.path("hash").asString());
			assertThat(fields.get(names.indexOf("seq"))).isEqualTo(event.path("seq").asString());
			assertThat(fields.get(names.indexOf("previousHash"))).isEqualTo(event.path("previousHash").asString());
			assertThat(fields.get(names.indexOf("evidenceSha256"))).isEqualTo(event.path("evidenceSha256").asString());
			assertThat(fields.get(names.indexOf("contactId"))).isEqualTo(contactId);
			String document = event.path("evidence").path("document").asString();
			assertThat(event.path("evidence").path("state").asString()).isEqualTo("kept");
			assertThat(sha256(document.getBytes(StandardCharsets.UTF_8))).isEqualTo(event.path("evidenceSha256").asString());
			assertThat(event.path("check").path("intact").asBoolean()).isTrue();
		}
		JsonNode grant = events.get(0);
		assertThat(grant.path("evidence").path("fields").path("ip").asString()).isEqualTo("203.0.113.7");
		assertThat(grant.path("evidence").path("fields").path("checkbox").path("prechecked").asBoolean()).isFalse();
		assertThat(grant.path("noticeSha256").asString()).isEqualTo(ConsentChain.sha256(NOTICE_TEXT));
		assertThat(grant.path("occurredAt").asString()).isEqualTo("2025-03-01T09:30:00Z");
		assertThat(grant.path("source").asString()).isEqualTo("WEB_FORM");
		assertThat(events.get(1).path("evidence").path("fields").path("text").asString()).isEqualTo("STOP");
		// the previous hash of the withdrawal is the other person's event, which the chain check links to
		assertThat(events.get(1).path("check").path("linkedToPrevious").asBoolean()).isTrue();

		JsonNode notices = proof.path("notices");
		assertThat(notices).hasSize(1);
		assertThat(notices.get(0).path("text").asString()).isEqualTo(NOTICE_TEXT);
		assertThat(notices.get(0).path("version").asInt()).isEqualTo(1);
		assertThat(notices.get(0).path("language").asString()).isEqualTo("fr");
		assertThat(notices.get(0).path("sha256").asString()).isEqualTo(ConsentChain.sha256(NOTICE_TEXT));

		assertThat(proof.path("states")).hasSize(1);
		assertThat(proof.path("states").get(0).path("status").asString()).isEqualTo("WITHDRAWN");
		assertThat(proof.path("chain").path("contactEventsIntact").asBoolean()).isTrue();
		assertThat(proof.path("chain").path("ledger").path("ok").asBoolean()).isTrue();
		assertThat(proof.path("chain").path("ledger").path("eventsChecked").asLong()).isEqualTo(3);
		assertThat(proof.path("chain").path("head").path("seq").asLong()).isEqualTo(3);
	}

	@Test
	void erasedEvidenceIsShownAsErasedAndTheChainStillVerifies() {
		jdbc.sql("DELETE FROM consent_evidence WHERE tenant_id = ? AND event_id = ?").params(tenantId, grantId).update();

		JsonNode proof = api.get("/api/v1/contacts/" + contactId + "/proof").json();

		JsonNode grant = proof.path("events").get(0);
		assertThat(grant.path("evidence").path("state").asString()).isEqualTo("erased");
		assertThat(grant.path("evidence").path("document").isNull()).isTrue();
		assertThat(grant.path("evidenceSha256").asString()).hasSize(64);
		assertThat(grant.path("evidence").path("note").asString()).contains(grant.path("evidenceSha256").asString());
		assertThat(grant.path("check").path("intact").asBoolean()).isTrue();
		assertThat(sha256(encode(strings(grant.path("hashedFields"))))).isEqualTo(grant.path("hash").asString());
		assertThat(proof.path("chain").path("contactEventsIntact").asBoolean()).isTrue();
		assertThat(proof.path("chain").path("ledger").path("ok").asBoolean()).isTrue();
		String page = html("/api/v1/contacts/" + contactId + "/proof?format=html&lang=en").body();
		assertThat(page).contains("The evidence (personal data) was erased");
	}

	@Test
	void aRowChangedInTheDatabaseShowsAsBrokenInTheProof() {
		jdbc.sql("UPDATE consent_event SET occurred_at = occurred_at - 1000 WHERE tenant_id = ? AND event_id = ?")
			.params(tenantId, grantId)
			.update();

		JsonNode proof = api.get("/api/v1/contacts/" + contactId + "/proof").json();

		assertThat(proof.path("events").get(0).path("check").path("hashMatches").asBoolean()).isFalse();
		assertThat(proof.path("chain").path("contactEventsIntact").asBoolean()).isFalse();
		assertThat(proof.path("chain").path("ledger").path("ok").asBoolean()).isFalse();
		assertThat(proof.path("chain").path("ledger").path("brokenSeq").asLong()).isEqualTo(1);
	}

	@Test
	void aContactWithoutAnswersHasAnEmptyProof() {
		String other = api.post("/api/v1/contacts", "{\"email\":\"paul@example.fr\"}").text("id");

		JsonNode proof = api.get("/api/v1/contacts/" + other + "/proof").json();

		assertThat(proof.path("events")).isEmpty();
		assertThat(proof.path("states")).isEmpty();
		assertThat(proof.path("chain").path("contactEventsIntact").asBoolean()).isTrue();
	}

	// HTML

	@Test
	void thePageIsInFrenchByDefaultForAFrenchTenantWithEverythingEscaped() {
		Api.Response response = html("/api/v1/contacts/" + contactId + "/proof");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("text/html");
		String page = response.body();
		assertThat(page).contains("<html lang=\"fr\">", "Preuve de consentement", "Responsable de traitement",
				"Personne concernée", "+33612345678", "formulaire web", "203.0.113.7",
				"La personne a donné son consentement pour recevoir « Lettre &lt;b&gt;mensuelle&lt;/b&gt; » par SMS.",
				"La personne a retiré son consentement", "réponse par SMS", "version 1",
				ConsentChain.sha256(NOTICE_TEXT), "1 mars 2025 à 10:30:00 (UTC+01:00) Europe/Paris",
				"1 avril 2025 à 10:00:00 (UTC+02:00) Europe/Paris", "intact");
		assertThat(page).contains("&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;",
				"&lt;script&gt;alert(&#39;notice&#39;)&lt;/script&gt;");
		assertThat(page).doesNotContain("<script", "<b>mensuelle", "src=", "href=", "@import", "url(");
	}

	@Test
	void thePageIsInEnglishWhenAskedByParameterOrByAcceptLanguage() {
		String byParameter = api.get("/api/v1/contacts/" + contactId + "/proof?format=html&lang=en").body();
		String byHeader = api.send(api.builder("/api/v1/contacts/" + contactId + "/proof")
			.header("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")
			.header("Accept-Language", "en-GB,en;q=0.9,fr;q=0.5")
			.GET()).body();

		for (String page : List.of(byParameter, byHeader)) {
			assertThat(page).contains("<html lang=\"en\">", "Proof of consent", "Controller", "Data subject",
					"The person gave consent to receive \u201cLettre &lt;b&gt;mensuelle&lt;/b&gt;\u201d by SMS.",
					"The person withdrew consent to receive", "1 March 2025 at 10:30:00 (UTC+01:00) Europe/Paris",
					"was recomputed: intact");
			assertThat(page).doesNotContain("<script");
		}
		assertThat(html("/api/v1/contacts/" + contactId + "/proof?lang=fr").body()).contains("<html lang=\"fr\">");
	}

	@Test
	void anUnofferedLanguageOrFormatIsRefused() {
		assertProblem(api.get("/api/v1/contacts/" + contactId + "/proof?format=html&lang=de"), 422, "invalid-input");
		assertProblem(api.get("/api/v1/contacts/" + contactId + "/proof?format=pdf"), 422, "invalid-input");
	}

	// Isolation

	@Test
	void anotherTenantsContactHasNoProof() {
		Api other = api.as(tenants.create().apiKey());

		assertProblem(other.get("/api/v1/contacts/" + contactId + "/proof"), 404, "not-found");
		assertProblem(other.send(other.builder("/api/v1/contacts/" + contactId + "/proof").header("Accept", "text/html").GET()),
				404, "not-found");
		assertProblem(api.get("/api/v1/contacts/not-an-id/proof"), 404, "not-found");
	}

	// helpers: what a reader of the proof would write

	static byte[] encode(List<String> values) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (String value : values) {
			byte[] bytes = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
			int length = bytes == null ? -1 : bytes.length;
			out.write(length >>> 24);
			out.write(length >>> 16);
			out.write(length >>> 8);
			out.write(length);
			if (bytes != null) {
				out.write(bytes, 0, bytes.length);
			}
		}
		return out.toByteArray();
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		for (JsonNode value : array) {
			values.add(value.isNull() ? null : value.asString());
		}
		return values;
	}

	static String quote(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private Api.Response html(String path) {
		return api.send(api.builder(path).header("Accept", "text/html").GET());
	}

	private Api.Response record(String body) {
		Api.Response response = api.post("/api/v1/consents", body);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response;
	}

	private String grant(String person, String occurredAt) {
		return "{" + person + ",\"channel\":\"SMS\",\"purpose\":\"newsletter\",\"action\":\"GRANT\",\"source\":\"WEB_FORM\","
				+ "\"noticeId\":\"" + noticeId + "\",\"occurredAt\":\"" + occurredAt + "\",\"evidence\":" + WEB_FORM_EVIDENCE + "}";
	}
}
