package org.optinel.messaging.inbound;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optinel.core.Channel;
import org.optinel.core.PhoneNumber;
import org.optinel.core.TenantId;
import org.optinel.suppression.SuppressionList;
import org.optinel.tenancy.IdentifierHashing;
import org.optinel.testing.Api;
import org.optinel.testing.TestTenants;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optinel.testing.ProblemAssertions.assertFieldProblem;
import static org.optinel.testing.ProblemAssertions.assertProblem;

/**
 * Inbound SMS through HTTP, from the API and from Twilio's webhook: what each keyword does to the
 * suppression list, the consent ledger, the contact's activities and the replies owed; runs on
 * SQLite and on PostgreSQL through its two subclasses.
 */
abstract class InboundSmsIntegrationTests {

	static final String INBOUND = "/api/v1/inbound/sms";

	static final String PHONE = "+33612345678";

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SuppressionList suppressions;

	@Autowired
	IdentifierHashing hashing;

	Api api;

	TenantId tenant;

	String tenantName;

	String contactId;

	String newsletterNotice;

	int sequence;

	@BeforeEach
	void aTenantWithAContactWhoConsentedToTheNewsletterBySms() {
		var issued = tenants.create();
		tenant = issued.tenant().id();
		tenantName = issued.tenant().name();
		api = new Api(port, issued.apiKey());
		created(api.post("/api/v1/purposes", "{\"key\":\"newsletter\",\"name\":\"Newsletter\",\"kind\":\"MARKETING\"}"));
		created(api.post("/api/v1/purposes", "{\"key\":\"promotions\",\"name\":\"Promotions\",\"kind\":\"MARKETING\"}"));
		created(api.post("/api/v1/purposes", "{\"key\":\"service\",\"name\":\"Service\",\"kind\":\"TRANSACTIONAL\"}"));
		newsletterNotice = created(api.post("/api/v1/notices",
				"{\"purpose\":\"newsletter\",\"language\":\"fr\",\"text\":\"Répondez START pour recevoir la lettre.\"}"))
			.text("id");
		contactId = created(api.post("/api/v1/contacts", "{\"phone\":\"06 12 34 56 78\"}")).text("id");
		created(api.post("/api/v1/consents", "{\"contactId\":\"" + contactId + "\",\"channel\":\"SMS\","
				+ "\"purpose\":\"newsletter\",\"action\":\"GRANT\",\"source\":\"API\",\"noticeId\":\"" + newsletterNotice
				+ "\"}"));
	}

	// KW-01 and US-02: an opt-out

	@Test
	void stopSuppressesTheNumberWithdrawsEveryMarketingPurposeAndOwesOneConfirmation() {
		// KW-01, US-02, US-03, GDPR-05, GDPR-07
		Api.Response response = sms(PHONE, "Stop", "SM-stop-1");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.text("outcome")).isEqualTo("OPTED_OUT");
		assertThat(response.text("keyword")).isEqualTo("STOP");
		assertThat(response.text("contactId")).isEqualTo(contactId);
		assertThat(suppressed(PHONE)).isTrue();
		assertThat(suppressions.isSuppressed(tenant, Channel.EMAIL, hash(PHONE))).isFalse();

		List<Map<String, Object>> withdrawals = jdbc.sql("SELECT e.purpose_key, e.source, e.channel, d.document "
				+ "FROM consent_event e JOIN consent_evidence d ON d.tenant_id = e.tenant_id AND d.event_id = e.event_id "
				+ "WHERE e.tenant_id = ? AND e.action = 'WITHDRAW' ORDER BY e.purpose_key")
			.param(tenant.value())
			.query()
			.listOfRows();
		// every marketing purpose, whether or not it was granted; never the transactional one
		assertThat(withdrawals).extracting(r -> r.get("purpose_key")).containsExactly("newsletter", "promotions");
		assertThat(withdrawals).allSatisfy(r -> {
			assertThat(r.get("source")).isEqualTo("SMS_REPLY");
			assertThat(r.get("channel")).isEqualTo("SMS");
			assertThat((String) r.get("document")).contains("\"messageId\":\"SM-stop-1\"")
				.contains("\"number\":\"" + PHONE + "\"")
				.contains("\"text\":\"Stop\"");
		});
		JsonNode contact = api.get("/api/v1/contacts/" + contactId).json();
		assertThat(contact.path("consents").toString()).contains("WITHDRAWN").doesNotContain("GRANTED");

		JsonNode reply = response.json().path("reply");
		assertThat(reply.path("kind").asString()).isEqualTo("OPT_OUT_CONFIRMATION");
		assertThat(reply.path("to").asString()).isEqualTo(PHONE);
		assertThat(reply.path("from").asString()).isEqualTo("36180");
		assertThat(reply.path("text").asString()).contains(tenantName).doesNotContainIgnoringCase("http");
		assertThat(Duration.between(Instant.parse(response.text("receivedAt")),
				Instant.parse(reply.path("sendBefore").asString()))).isLessThanOrEqualTo(Duration.ofMinutes(5));
		assertThat(pendingReplies()).hasSize(1);
	}

	@Test
	void aSecondStopWhileSuppressedOwesNoSecondConfirmation() { // US-03
		sms(PHONE, "STOP", "SM-a");
		long events = count("consent_event");

		Api.Response again = sms(PHONE, "arrêt", "SM-b");

		assertThat(again.status()).isEqualTo(200);
		assertThat(again.text("outcome")).isEqualTo("ALREADY_OPTED_OUT");
		assertThat(again.json().path("reply").isNull()).isTrue();
		assertThat(pendingReplies()).hasSize(1);
		assertThat(count("consent_event")).as("nothing left to withdraw").isEqualTo(events);
		assertThat(suppressed(PHONE)).isTrue();
	}

	@Test
	void aTextHoldingStopAsAWordIsAnOptOut() { // KW-01: err on the side of the person
		Api.Response response = sms("+33 6 12 34 56 78", "Merci de ne plus m'écrire, STOP 😀", "SM-word");

		assertThat(response.text("outcome")).isEqualTo("OPTED_OUT");
		assertThat(suppressed(PHONE)).isTrue();
	}

	@Test
	void stopFromANumberNoContactHoldsStillSuppressesItsHash() { // KW-01, FR-10
		Api.Response response = sms("+33698765432", "Désabonner", "SM-unknown");

		assertThat(response.text("outcome")).isEqualTo("OPTED_OUT");
		assertThat(response.text("contactId")).isNull();
		assertThat(suppressed("+33698765432")).isTrue();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM contact WHERE tenant_id = ?").param(tenant.value()).query(Long.class)
			.single()).as("no contact is made for an opt-out").isEqualTo(1);
	}

	// KW-02: an opt-in word

	@Test
	void startFromTheSuppressedNumberLiftsItsSuppressionAndGrantsTheMappedPurposes() { // KW-02
		mapStartToNewsletter();
		sms(PHONE, "STOP", "SM-1");
		assertThat(suppressed(PHONE)).isTrue();

		Api.Response start = sms(PHONE, "Start !", "SM-2");

		assertThat(start.status()).as(start.body()).isEqualTo(200);
		assertThat(start.text("outcome")).isEqualTo("OPTED_IN");
		assertThat(suppressed(PHONE)).isFalse();
		Map<String, Object> grant = jdbc.sql("SELECT e.purpose_key, e.source, e.notice_id, d.document FROM consent_event e "
				+ "JOIN consent_evidence d ON d.tenant_id = e.tenant_id AND d.event_id = e.event_id "
				+ "WHERE e.tenant_id = ? AND e.action = 'GRANT' AND e.source = 'SMS_REPLY'")
			.param(tenant.value())
			.query()
			.singleRow();
		assertThat(grant.get("purpose_key")).isEqualTo("newsletter");
		assertThat(grant.get("notice_id")).isEqualTo(newsletterNotice);
		assertThat((String) grant.get("document")).contains("\"messageId\":\"SM-2\"").contains("\"text\":\"Start !\"");
		assertThat(api.get("/api/v1/contacts/" + contactId).json().path("consents").toString()).contains("GRANTED");
		assertThat(start.json().path("reply").path("kind").asString()).isEqualTo("OPT_IN_CONFIRMATION");
	}

	@Test
	void anOptInWordMappedToNothingLiftsNothingAndIsAnInteraction() { // KW-02, FR-09
		sms(PHONE, "STOP", "SM-1");

		Api.Response oui = sms(PHONE, "Oui", "SM-2");

		assertThat(oui.text("outcome")).isEqualTo("OPT_IN_NOT_CONFIGURED");
		assertThat(suppressed(PHONE)).isTrue();
		assertThat(activities()).isEqualTo(1);
	}

	@Test
	void anOptInFromANumberThatIsNotSuppressedGrantsTheMappedPurposes() { // KW-02
		mapStartToNewsletter();

		Api.Response yes = sms("+33687654321", "START", "SM-new");

		assertThat(yes.text("outcome")).isEqualTo("OPTED_IN");
		assertThat(yes.text("contactId")).isNotNull();
		JsonNode contact = api.get("/api/v1/contacts/" + yes.text("contactId")).json();
		assertThat(contact.path("phone").asString()).isEqualTo("+33687654321");
		assertThat(contact.path("consents").toString()).contains("GRANTED");
	}

	// KW-03 and FR-09

	@Test
	void helpGetsOneReplyWithTheSendersIdentityAndHowToStop() { // KW-03
		Api.Response help = sms(PHONE, "Aide ?", "SM-help");

		assertThat(help.text("outcome")).isEqualTo("HELP");
		JsonNode reply = help.json().path("reply");
		assertThat(reply.path("kind").asString()).isEqualTo("HELP");
		assertThat(reply.path("text").asString()).contains(tenantName).contains("STOP");
		assertThat(pendingReplies()).hasSize(1);
		assertThat(suppressed(PHONE)).isFalse();
	}

	@Test
	void anyOtherTextIsAnInteractionOfTheContact() { // FR-09: a reply is an inbound act
		Instant at = Instant.parse("2025-03-01T10:15:30Z");

		Api.Response hello = api.post(INBOUND, "{\"from\":\"" + PHONE + "\",\"to\":\"36180\",\"text\":\"Bonjour, "
				+ "à quelle heure ouvrez-vous ?\",\"receivedAt\":\"" + at + "\",\"messageId\":\"SM-hello\"}");

		assertThat(hello.text("outcome")).isEqualTo("INTERACTION");
		assertThat(activities()).isEqualTo(1);
		assertThat(api.get("/api/v1/contacts/" + contactId).text("lastInboundAt")).isEqualTo(at.toString());
		assertThat(suppressed(PHONE)).isFalse();
		assertThat(pendingReplies()).isEmpty();
	}

	@Test
	void otherTextFromANumberNoContactHoldsIsKeptAndDoesNothingElse() {
		Api.Response hello = sms("+33698765432", "Bonjour", "SM-stranger");

		assertThat(hello.text("outcome")).isEqualTo("UNKNOWN_SENDER");
		assertThat(api.get(INBOUND + "/messages/SM-stranger").text("text")).isEqualTo("Bonjour");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM contact WHERE tenant_id = ?").param(tenant.value()).query(Long.class)
			.single()).isEqualTo(1);
	}

	// Duplicates

	@Test
	void aMessageIdSeenBeforeChangesNothingAndAnswersTheFirstOutcome() {
		Api.Response first = sms(PHONE, "STOP", "SM-dup");
		long events = count("consent_event");

		Api.Response again = sms(PHONE, "STOP", "SM-dup");
		Api.Response different = sms(PHONE, "Bonjour", "SM-dup");

		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().path("duplicate").asBoolean()).isTrue();
		assertThat(again.text("outcome")).isEqualTo("OPTED_OUT");
		assertThat(again.json().path("reply").path("id").asString())
			.isEqualTo(first.json().path("reply").path("id").asString());
		assertThat(different.text("outcome")).isEqualTo("OPTED_OUT");
		assertThat(different.text("text")).isEqualTo("STOP");
		assertThat(count("consent_event")).isEqualTo(events);
		assertThat(count("inbound_sms")).isEqualTo(1);
		assertThat(pendingReplies()).hasSize(1);
		assertThat(activities()).isZero();
	}

	@Test
	void messageIdsBelongToTheirTenant() {
		var other = tenants.create();
		Api otherApi = new Api(port, other.apiKey());
		sms(PHONE, "STOP", "SM-shared");

		Api.Response response = otherApi.post(INBOUND, body(PHONE, "STOP", "SM-shared"));

		assertThat(response.json().path("duplicate").asBoolean()).isFalse();
		assertThat(response.text("outcome")).isEqualTo("OPTED_OUT");
		assertProblem(otherApi.get(INBOUND + "/messages/unknown"), 404, "not-found");
	}

	// Twilio

	@Test
	void twilioWebhookWithAValidSignatureActsLikeTheApi() { // KW-01
		setTwilioToken("twilio-secret-token");
		String url = "http://127.0.0.1:" + port + "/webhooks/twilio/" + tenant.value() + "/sms";
		Map<String, List<String>> form = Map.of("From", List.of(PHONE), "To", List.of("+33700000000"), "Body",
				List.of("Arrêt SVP stop"), "MessageSid", List.of("SM-twilio-1"), "AccountSid", List.of("AC123"));

		Api.Response response = twilio(url, form, TwilioSignature.of("twilio-secret-token", url, form));

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("text/xml");
		assertThat(response.body()).contains("<Response>");
		assertThat(suppressed(PHONE)).isTrue();
		JsonNode stored = api.get(INBOUND + "/messages/SM-twilio-1").json();
		assertThat(stored.path("text").asString()).isEqualTo("Arrêt SVP stop");
		assertThat(stored.path("outcome").asString()).isEqualTo("OPTED_OUT");
	}

	@Test
	void twilioWebhookWithAWrongOrMissingSignatureIsRefusedAndWritesNothing() {
		setTwilioToken("twilio-secret-token");
		String url = "http://127.0.0.1:" + port + "/webhooks/twilio/" + tenant.value() + "/sms";
		Map<String, List<String>> form = Map.of("From", List.of(PHONE), "To", List.of("36180"), "Body",
				List.of("STOP"), "MessageSid", List.of("SM-forged"));

		assertProblem(twilio(url, form, TwilioSignature.of("another-token", url, form)), 403, "invalid-twilio-signature");
		assertProblem(twilio(url, form, null), 403, "invalid-twilio-signature");
		// a signature for other parameters does not cover these
		Map<String, List<String>> signed = Map.of("From", List.of(PHONE), "To", List.of("36180"), "Body",
				List.of("Bonjour"), "MessageSid", List.of("SM-forged"));
		assertProblem(twilio(url, form, TwilioSignature.of("twilio-secret-token", url, signed)), 403,
				"invalid-twilio-signature");
		// a tenant without a token, and no tenant at all
		var other = tenants.create();
		String otherUrl = "http://127.0.0.1:" + port + "/webhooks/twilio/" + other.tenant().id().value() + "/sms";
		assertProblem(twilio(otherUrl, form, TwilioSignature.of("twilio-secret-token", otherUrl, form)), 403,
				"invalid-twilio-signature");
		String noTenant = "http://127.0.0.1:" + port + "/webhooks/twilio/not-a-tenant/sms";
		assertProblem(twilio(noTenant, form, TwilioSignature.of("twilio-secret-token", noTenant, form)), 403,
				"invalid-twilio-signature");

		assertThat(count("inbound_sms")).isZero();
		assertThat(suppressed(PHONE)).isFalse();
	}

	@Test
	void theTwilioTokenIsStoredSealedAndNeverShown() {
		setTwilioToken("twilio-secret-token");

		Api.Response status = api.get(INBOUND + "/twilio");

		assertThat(status.json().path("configured").asBoolean()).isTrue();
		assertThat(status.body()).doesNotContain("twilio-secret-token");
		assertThat(jdbc.sql("SELECT sealed_auth_token FROM twilio_account WHERE tenant_id = ?").param(tenant.value())
			.query(String.class).single()).doesNotContain("twilio-secret-token");
		assertFieldProblem(api.send(api.builder(INBOUND + "/twilio").header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"authToken\":\" \"}"))), 422, "invalid-input", "authToken");
	}

	// Bad input: a clear 4xx and nothing written

	@Test
	void badInputIsRefusedWithAClearProblemAndNothingWritten() {
		assertFieldProblem(sms("06 12", "STOP", "SM-x1"), 422, "invalid-input", "from");
		assertFieldProblem(sms("not a phone", "STOP", "SM-x2"), 422, "invalid-input", "from");
		assertFieldProblem(sms("+999123456789", "STOP", "SM-x3"), 422, "invalid-input", "from");
		assertFieldProblem(api.post(INBOUND, "{\"text\":\"STOP\"}"), 422, "invalid-input", "from", "to", "messageId");
		assertFieldProblem(api.post(INBOUND, "{\"from\":\"" + PHONE + "\",\"to\":\"36180\",\"messageId\":\"SM-x4\"}"),
				422, "invalid-input", "text");
		assertFieldProblem(sms(PHONE, "STOP " + "x".repeat(10_000), "SM-x5"), 422, "invalid-input", "text");
		assertFieldProblem(api.post(INBOUND, body(PHONE, "STOP \\ud83d", "SM-x6")), 422, "invalid-input", "text");
		assertFieldProblem(api.post(INBOUND, body(PHONE, "ST\\u0000OP", "SM-x7")), 422, "invalid-input", "text");
		assertFieldProblem(sms(PHONE, "STOP", "SM x8 with spaces"), 422, "invalid-input", "messageId");
		assertFieldProblem(api.post(INBOUND, "{\"from\":\"" + PHONE + "\",\"to\":\"36180\",\"text\":\"STOP\","
				+ "\"messageId\":\"SM-x9\",\"receivedAt\":\"2999-01-01T00:00:00Z\"}"), 422, "invalid-input", "receivedAt");
		assertProblem(api.post(INBOUND, "{\"from\":\"" + PHONE + "\",\"to\":\"36180\",\"text\":\"STOP\","
				+ "\"messageId\":\"SM-x10\",\"receivedAt\":\"yesterday\"}"), 400, "invalid-field-type");
		assertProblem(api.post(INBOUND, "STOP"), 400, "malformed-body");
		byte[] latin1 = ("{\"from\":\"" + PHONE + "\",\"to\":\"36180\",\"text\":\"arr\u00eat\",\"messageId\":\"SM-x11\"}")
			.getBytes(StandardCharsets.ISO_8859_1);
		Api.Response notUtf8 = api.send(api.builder(INBOUND).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(latin1)));
		assertThat(notUtf8.status()).as(notUtf8.body()).isBetween(400, 499);

		assertThat(count("inbound_sms")).isZero();
		assertThat(suppressed(PHONE)).isFalse();
		assertThat(pendingReplies()).isEmpty();
	}

	@Test
	void emojiAndNonLatinTextsAreHandledCleanly() { // KW-01: UCS-2 messages
		assertThat(sms(PHONE, "😀😀😀", "SM-e1").text("outcome")).isEqualTo("INTERACTION");
		assertThat(sms(PHONE, "停止发送", "SM-e2").text("outcome")).isEqualTo("INTERACTION");
		assertThat(sms(PHONE, "", "SM-e3").text("outcome")).isEqualTo("INTERACTION");
		assertThat(api.get(INBOUND + "/messages/SM-e2").text("text")).isEqualTo("停止发送");
		assertThat(sms(PHONE, "ＳＴＯＰ 🙏", "SM-e4").text("outcome")).isEqualTo("OPTED_OUT");
		assertThat(sms(PHONE, "x".repeat(1_600), "SM-e5").status()).isEqualTo(200);
	}

	// Keyword settings

	@Test
	void aTenantSetsItsOwnKeywordsButNeverDropsStop() { // KW-01
		Api.Response defaults = api.get(INBOUND + "/keywords");
		assertThat(defaults.json().path("optOut").toString()).contains("\"STOP\"", "\"OPT OUT\"");

		assertFieldProblem(putKeywords("{\"optOut\":[\"ARRET\"],\"optIn\":[\"START\"],\"help\":[\"AIDE\"]}"), 422,
				"invalid-input", "optOut");
		assertFieldProblem(putKeywords("{\"optOut\":[\"STOP\",\"FIN\"],\"optIn\":[\"Fin\"],\"help\":[]}"), 422,
				"invalid-input", "optIn");
		assertFieldProblem(putKeywords("{\"optOut\":[\"STOP\"],\"optIn\":[\"START\"],\"help\":[],"
				+ "\"optInGrants\":{\"START\":[{\"purpose\":\"nope\",\"noticeId\":\"" + newsletterNotice + "\"}]}}"), 422,
				"invalid-input", "optInGrants.START");
		assertFieldProblem(putKeywords("{\"optOut\":[\"STOP\"],\"optIn\":[\"START\"],\"help\":[],"
				+ "\"optInGrants\":{\"START\":[{\"purpose\":\"promotions\",\"noticeId\":\"" + newsletterNotice + "\"}]}}"),
				422, "invalid-input", "optInGrants.START");
		assertFieldProblem(putKeywords("{\"optOut\":[\"STOP\"],\"optIn\":[\"START\"],\"help\":[],"
				+ "\"optInGrants\":{\"OUI\":[{\"purpose\":\"newsletter\",\"noticeId\":\"" + newsletterNotice + "\"}]}}"),
				422, "invalid-input", "optInGrants.OUI");

		Api.Response set = putKeywords("{\"optOut\":[\"stop\",\"Arrêtez\"],\"optIn\":[\"start\"],\"help\":[\"aide\"],"
				+ "\"senderName\":\"Boulangerie Martin\"}");
		assertThat(set.status()).as(set.body()).isEqualTo(200);
		assertThat(api.get(INBOUND + "/keywords").json().path("optOut").toString()).isEqualTo("[\"STOP\",\"ARRETEZ\"]");

		assertThat(sms(PHONE, "ARRÊTEZ !", "SM-k1").text("outcome")).isEqualTo("OPTED_OUT");
		assertThat(sms("+33687654321", "unsubscribe", "SM-k2").text("outcome")).isEqualTo("UNKNOWN_SENDER");
		assertThat(sms("+33687654321", "aide", "SM-k3").json().path("reply").path("text").asString())
			.contains("Boulangerie Martin");
	}

	// helpers

	private void mapStartToNewsletter() {
		Api.Response set = putKeywords("{\"optOut\":[\"STOP\"],\"optIn\":[\"START\",\"OUI\"],\"help\":[\"AIDE\"],"
				+ "\"optInGrants\":{\"start\":[{\"purpose\":\"newsletter\",\"noticeId\":\"" + newsletterNotice + "\"}]}}");
		assertThat(set.status()).as(set.body()).isEqualTo(200);
	}

	private Api.Response putKeywords(String json) {
		return api.send(api.builder(INBOUND + "/keywords").header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json)));
	}

	private void setTwilioToken(String token) {
		Api.Response set = api.send(api.builder(INBOUND + "/twilio").header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"authToken\":\"" + token + "\"}")));
		assertThat(set.status()).as(set.body()).isEqualTo(204);
	}

	private Api.Response twilio(String url, Map<String, List<String>> form, String signature) {
		StringBuilder body = new StringBuilder();
		form.forEach((name, values) -> values.forEach(v -> body.append(body.isEmpty() ? "" : "&")
			.append(java.net.URLEncoder.encode(name, StandardCharsets.UTF_8))
			.append('=')
			.append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8))));
		HttpRequest.Builder request = HttpRequest.newBuilder(java.net.URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString()));
		if (signature != null) {
			request.header("X-Twilio-Signature", signature);
		}
		return api.send(request);
	}

	private Api.Response sms(String from, String text, String messageId) {
		return api.post(INBOUND, body(from, text, messageId));
	}

	/** A request body; {@code text} is put in as JSON source, so escapes such as {@code \\ud83d} stay escapes. */
	private static String body(String from, String text, String messageId) {
		return "{\"from\":\"" + from + "\",\"to\":\"36180\",\"text\":\"" + text.replace("\"", "\\\"")
				+ "\",\"messageId\":\"" + messageId + "\"}";
	}

	private boolean suppressed(String e164) {
		return suppressions.isSuppressed(tenant, Channel.SMS, hash(e164));
	}

	private String hash(String e164) {
		return hashing.phone(tenant, new PhoneNumber(e164));
	}

	private List<JsonNode> pendingReplies() {
		List<JsonNode> replies = new java.util.ArrayList<>();
		api.get(INBOUND + "/replies").json().forEach(replies::add);
		return replies;
	}

	private long activities() {
		return jdbc.sql("SELECT COUNT(*) FROM activity WHERE tenant_id = ? AND type = 'INTERACTION'")
			.param(tenant.value())
			.query(Long.class)
			.single();
	}

	private long count(String table) {
		return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = ?").param(tenant.value()).query(Long.class)
			.single();
	}

	private static Api.Response created(Api.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response;
	}
}
