package org.optinel.consent;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optinel.tenancy.SignatureManagement;
import org.optinel.testing.Api;
import org.optinel.testing.TestTenants;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optinel.testing.ProblemAssertions.assertProblem;

/**
 * Signed consent receipts, checked as their holder would: with the published public key only and
 * a JSON library that sorts keys. Runs on SQLite and on PostgreSQL through its two subclasses.
 */
abstract class ReceiptApiIntegrationTests {

	/** Canonical JSON as the receipt defines it: keys sorted, no whitespace. */
	static final JsonMapper CANONICAL = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	Api api;

	String tenantName;

	String noticeId;

	String contactId;

	@BeforeEach
	void newTenantWithANewsletter() {
		var issued = tenants.create();
		tenantName = issued.tenant().name();
		api = new Api(port, issued.apiKey());
		noticeId = ConsentApiIntegrationTests.newsletterNotice(api);
		contactId = api.post("/api/v1/contacts", "{\"phone\":\"06 12 34 56 78\",\"email\":\"jeanne@example.fr\"}").text("id");
	}

	@Test
	void aGrantsReceiptVerifiesWithThePublishedPublicKeyAlone() {
		String eventId = record(ConsentApiIntegrationTests.grant("\"contactId\":\"" + contactId + "\"", "SMS", noticeId,
				ConsentApiIntegrationTests.WEB_FORM_EVIDENCE));

		Api.Response response = api.get("/api/v1/consents/" + eventId + "/receipt");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		Map<String, Object> body = CANONICAL.readValue(response.body(), new TypeReference<Map<String, Object>>() { });
		@SuppressWarnings("unchecked")
		Map<String, Object> receipt = (Map<String, Object>) body.get("receipt");
		@SuppressWarnings("unchecked")
		Map<String, Object> signature = (Map<String, Object>) body.get("signature");
		assertThat(signature.get("alg")).isEqualTo("EdDSA");
		assertThat(receipt.get("kid")).isEqualTo(signature.get("kid"));
		byte[] publicKey = publishedKey(api, (String) signature.get("kid"));
		byte[] value = Base64.getUrlDecoder().decode((String) signature.get("value"));

		assertThat(SignatureManagement.verify(publicKey, canonical(receipt), value)).isTrue();

		Map<String, Object> tampered = new LinkedHashMap<>(receipt);
		tampered.put("consentTimestamp", ((Number) receipt.get("consentTimestamp")).longValue() + 1);
		assertThat(SignatureManagement.verify(publicKey, canonical(tampered), value)).isFalse();
	}

	@Test
	void theReceiptCarriesTheKantaraFieldsAndNoPhoneOrEmail() {
		String eventId = record(ConsentApiIntegrationTests.grant("\"contactId\":\"" + contactId + "\"", "SMS", noticeId,
				ConsentApiIntegrationTests.WEB_FORM_EVIDENCE));

		Api.Response response = api.get("/api/v1/consents/" + eventId + "/receipt");
		JsonNode receipt = response.json().path("receipt");

		assertThat(receipt.path("version").asString()).isEqualTo("KI-CR-v1.1.0");
		assertThat(receipt.path("jurisdiction").asString()).isEqualTo("FR");
		assertThat(receipt.path("consentReceiptID").asString()).isEqualTo(eventId);
		assertThat(receipt.path("consentTimestamp").isIntegralNumber()).isTrue();
		assertThat(receipt.path("collectionMethod").asString()).contains("formulaire web");
		assertThat(receipt.path("language").asString()).isEqualTo("fr");
		assertThat(receipt.path("piiPrincipalId").asString()).isEqualTo(contactId);
		assertThat(receipt.path("piiControllers").get(0).path("piiController").asString()).isEqualTo(tenantName);
		assertThat(receipt.path("channel").asString()).isEqualTo("SMS");
		assertThat(receipt.path("notice").path("sha256").asString())
			.isEqualTo(ConsentChain.sha256("J'accepte de recevoir la lettre d'information."));
		JsonNode purpose = receipt.path("services").get(0).path("purposes").get(0);
		assertThat(purpose.path("purposeKey").asString()).isEqualTo("newsletter");
		assertThat(purpose.path("purposeCategory").get(0).asString()).isEqualTo("MARKETING");
		assertThat(purpose.path("consentType").asString()).isEqualTo("EXPLICIT");
		assertThat(purpose.path("termination").asString()).contains("STOP");
		assertThat(response.body()).doesNotContain("+33612345678", "jeanne@example.fr", "203.0.113.7");
		// the receipt is sent exactly in the canonical form that was signed
		String text = response.body();
		String sent = text.substring("{\"receipt\":".length(), text.indexOf(",\"signature\":"));
		assertThat(sent).isEqualTo(new String(canonical(CANONICAL.readValue(sent, new TypeReference<Map<String, Object>>() { })),
				StandardCharsets.UTF_8));
	}

	@Test
	void aWithdrawalOrAnUnprovenGrantHasNoReceipt() {
		String withdrawal = record("{\"contactId\":\"" + contactId + "\",\"channel\":\"SMS\",\"purpose\":\"newsletter\","
				+ "\"action\":\"WITHDRAW\",\"source\":\"SMS_REPLY\"}");
		String unproven = record("{\"contactId\":\"" + contactId + "\",\"channel\":\"EMAIL\",\"purpose\":\"newsletter\","
				+ "\"action\":\"GRANT\",\"source\":\"IMPORT\",\"evidence\":{\"importId\":\"imp-1\"}}");

		assertProblem(api.get("/api/v1/consents/" + withdrawal + "/receipt"), 409, "not-a-grant");
		assertProblem(api.get("/api/v1/consents/" + unproven + "/receipt"), 409, "unproven-grant");
	}

	@Test
	void anUnknownOrAnotherTenantsConsentHasNoReceipt() {
		String eventId = record(ConsentApiIntegrationTests.grant("\"contactId\":\"" + contactId + "\"", "SMS", noticeId,
				ConsentApiIntegrationTests.WEB_FORM_EVIDENCE));
		Api other = api.as(tenants.create().apiKey());

		assertProblem(other.get("/api/v1/consents/" + eventId + "/receipt"), 404, "not-found");
		assertProblem(api.get("/api/v1/consents/019a0000-0000-7000-8000-000000000000/receipt"), 404, "not-found");
		assertProblem(api.get("/api/v1/consents/not-an-id/receipt"), 404, "not-found");
	}

	static byte[] canonical(Map<String, Object> receipt) {
		return CANONICAL.writeValueAsString(receipt).getBytes(StandardCharsets.UTF_8);
	}

	static byte[] publishedKey(Api api, String kid) {
		for (JsonNode key : api.get("/api/v1/receipts/keys").json().path("keys")) {
			if (kid.equals(key.path("kid").asString())) {
				assertThat(key.path("crv").asString()).isEqualTo("Ed25519");
				return Base64.getUrlDecoder().decode(key.path("x").asString());
			}
		}
		throw new AssertionError("key " + kid + " is not published");
	}

	private String record(String body) {
		Api.Response response = api.post("/api/v1/consents", body);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.text("eventId");
	}
}
