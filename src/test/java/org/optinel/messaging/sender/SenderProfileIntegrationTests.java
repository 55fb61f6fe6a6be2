package org.optinel.messaging.sender;

import java.net.http.HttpRequest;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optinel.core.TenantId;
import org.optinel.testing.Api;
import org.optinel.testing.TestTenants;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optinel.testing.ProblemAssertions.assertFieldProblem;
import static org.optinel.testing.ProblemAssertions.assertProblem;
import static org.optinel.testing.ProblemAssertions.messageFor;

/**
 * The sender profile and the SMS preview through HTTP: defaults, the round trip of a profile, the
 * refusal of a bad one with nothing written, and what a text becomes under the profile (EP-03,
 * FR-05, FR-06); runs on SQLite and on PostgreSQL through its two subclasses.
 */
abstract class SenderProfileIntegrationTests {

	static final String SENDER = "/api/v1/messaging/sender";

	static final String PREVIEW = "/api/v1/messaging/sms/preview";

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String ACME = """
			{"brand":"Acme","smsSenderId":"36111","optOutMode":"APPEND","emailFromAddress":"news@acme.example",
			 "emailFromName":"Acme Shop","inboundNumbers":["36 111","06 12 34 56 78"],
			 "smsCostPerSegment":{"amount":0.045,"currency":"eur"}}""";

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	JdbcClient jdbc;

	Api api;

	TenantId tenant;

	String tenantName;

	@BeforeEach
	void aTenant() {
		var issued = tenants.create();
		tenant = issued.tenant().id();
		tenantName = issued.tenant().name();
		api = new Api(port, issued.apiKey());
	}

	@Test
	void withoutAProfileTheTenantsNameIsTheBrandAndMarketingSmsWaitForASenderId() { // FR-06, FR-05
		JsonNode profile = ok(api.get(SENDER));

		assertThat(profile.path("brand").asString()).isEqualTo(tenantName);
		assertThat(profile.path("smsSenderId").isNull()).isTrue();
		assertThat(profile.path("smsOptOutMention").isNull()).isTrue();
		assertThat(profile.path("optOutMode").asString()).isEqualTo("APPEND");
		assertThat(profile.path("inboundNumbers").size()).isZero();
		assertThat(profile.path("smsCostPerSegment").isNull()).isTrue();

		Api.Response refused = assertFieldProblem(api.post(PREVIEW, "{\"text\":\"Soldes ! STOP au 36111\"}"), 422,
				"invalid-input", "smsSenderId", "smsOptOutMention");
		assertThat(messageFor(refused, "smsSenderId")).contains("set a sender id").contains("FR-06");
		assertThat(messageFor(refused, "smsOptOutMention")).contains("FR-05");
	}

	@Test
	void aProfileIsReadBackAsItWasWrittenOnceNormalised() {
		JsonNode written = ok(put(ACME));

		assertThat(written).isEqualTo(JSON.readTree("""
				{"brand":"Acme","smsSenderId":"36111","smsOptOutMention":"STOP au 36111","optOutMode":"APPEND",
				 "emailFromAddress":"news@acme.example","emailFromName":"Acme Shop",
				 "inboundNumbers":["36111","+33612345678"],"smsCostPerSegment":{"amount":0.045,"currency":"EUR"}}"""));
		assertThat(ok(api.get(SENDER))).isEqualTo(written);
		assertThat(ok(put(written.toString()))).as("what GET answers may be PUT back").isEqualTo(written);
		assertThat(inboundNumbers()).containsExactly("36111", "+33612345678");
	}

	@Test
	void aNewProfileReplacesTheOldOneAtOnce() {
		ok(put(ACME));

		JsonNode replaced = ok(put("{\"brand\":\"Acme\",\"smsSenderId\":\"ACME-SHOP\",\"smsOptOutMention\":\"STOP au "
				+ "36180\",\"optOutMode\":\"refuse\",\"inboundNumbers\":[\"36180\"]}"));

		assertThat(ok(api.get(SENDER))).isEqualTo(replaced);
		assertThat(replaced.path("smsSenderId").asString()).isEqualTo("ACME-SHOP");
		assertThat(replaced.path("optOutMode").asString()).isEqualTo("REFUSE");
		assertThat(replaced.path("emailFromAddress").isNull()).isTrue();
		assertThat(replaced.path("smsCostPerSegment").isNull()).isTrue();
		assertThat(inboundNumbers()).containsExactly("36180");
	}

	@Test
	void aBadProfileIsRefusedFieldByFieldWithItsRulesAndNothingIsWritten() { // FR-06, FR-05, EP-03
		JsonNode before = ok(put(ACME));

		Api.Response refused = assertFieldProblem(put("""
				{"brand":"%s","smsSenderId":"+33 6 12 34 56 78","smsOptOutMention":"Répondez NON au 36111",
				 "optOutMode":"SOMETIMES","emailFromAddress":"not an address","inboundNumbers":["36111","12"],
				 "smsCostPerSegment":{"amount":-1,"currency":"EURO"}}""".formatted("x".repeat(51))), 422,
				"invalid-input", "brand", "smsSenderId", "smsOptOutMention", "optOutMode", "emailFromAddress",
				"inboundNumbers[1]", "smsCostPerSegment.amount", "smsCostPerSegment.currency");

		assertThat(messageFor(refused, "smsSenderId")).contains("French mobile").contains("FR-06");
		assertThat(messageFor(refused, "smsOptOutMention")).contains("STOP").contains("FR-05");
		assertThat(messageFor(refused, "brand")).contains("EP-03");
		assertThat(ok(api.get(SENDER))).isEqualTo(before);
		assertThat(inboundNumbers()).containsExactly("36111", "+33612345678");
	}

	@Test
	void aFirstProfileThatIsRefusedLeavesNoRow() { // FR-06
		assertFieldProblem(put("{\"smsSenderId\":\"0612345678\",\"inboundNumbers\":[\"36111\"]}"), 422,
				"invalid-input", "smsSenderId");

		assertThat(jdbc.sql("SELECT COUNT(*) FROM sender_profile WHERE tenant_id = ?").param(tenant.value())
			.query(Long.class).single()).isZero();
		assertThat(inboundNumbers()).isEmpty();
	}

	@Test
	void theSmsPreviewAppendsTheMentionAndBrandAndEstimatesTheCost() { // FR-05, EP-03
		ok(put(ACME));

		JsonNode preview = ok(api.post(PREVIEW, "{\"text\":\"Soldes d'été : -20 % ce week-end !\",\"marketing\":true}"));

		assertThat(preview.path("text").asString()).isEqualTo("Soldes d'été : -20 % ce week-end !\nAcme - STOP au 36111");
		assertThat(preview.path("encoding").asString()).isEqualTo("GSM_7");
		assertThat(preview.path("segments").asInt()).isEqualTo(1);
		assertThat(preview.path("estimatedCost")).isEqualTo(JSON.readTree("{\"amount\":0.045,\"currency\":\"EUR\"}"));
	}

	@Test
	void theSmsPreviewOfATransactionalTextCountsItsUcs2Segments() {
		ok(put(ACME));
		String text = "Votre rendez-vous de jeudi est confirmé ; à très bientôt chez Acme, l’équipe du magasin";

		Api.Response response = api.post(PREVIEW, "{\"text\":\"" + text + "\",\"marketing\":false}");
		JsonNode preview = ok(response);

		assertThat(preview.path("text").asString()).isEqualTo(text);
		assertThat(preview.path("encoding").asString()).isEqualTo("UCS_2");
		assertThat(preview.path("segments").asInt()).isEqualTo(2);
		assertThat(response.body()).as("the cost is exact").contains("\"amount\":0.090");
	}

	@Test
	void theSmsPreviewRefusesWhatARefusingProfileLacks() { // FR-05, EP-03
		ok(put("{\"brand\":\"Acme\",\"smsSenderId\":\"36111\",\"optOutMode\":\"REFUSE\"}"));

		Api.Response refused = api.post(PREVIEW, "{\"text\":\"Acme : soldes ce week-end !\"}");

		assertFieldProblem(refused, 422, "invalid-input", "text");
		assertThat(messageFor(refused, "text")).contains("STOP au 36111").contains("FR-05");
		assertThat(ok(api.post(PREVIEW, "{\"text\":\"Acme : soldes ! STOP au 36111\"}")).path("text").asString())
			.isEqualTo("Acme : soldes ! STOP au 36111");
	}

	@Test
	void theSmsPreviewRefusesTextThatIsNotValidUnicode() {
		ok(put(ACME));

		Api.Response refused = api.post(PREVIEW, "{\"text\":\"Acme \\uD83D soldes\",\"marketing\":false}");

		assertFieldProblem(refused, 422, "invalid-input", "text");
		assertThat(messageFor(refused, "text")).contains("surrogate");
	}

	@Test
	void theSmsPreviewRefusesMoreThanTenSegments() {
		ok(put(ACME));

		Api.Response refused = api.post(PREVIEW, "{\"text\":\"" + "a".repeat(1531) + "\",\"marketing\":false}");

		assertFieldProblem(refused, 422, "invalid-input", "text");
		assertThat(messageFor(refused, "text")).contains("11 segments");
	}

	@Test
	void oneTenantsProfileIsNotAnothers() {
		ok(put(ACME));
		var other = tenants.create();

		JsonNode theirs = ok(api.as(other.apiKey()).get(SENDER));

		assertThat(theirs.path("brand").asString()).isEqualTo(other.tenant().name());
		assertThat(theirs.path("smsSenderId").isNull()).isTrue();
	}

	@Test
	void theSenderEndpointsAnswerOnlyToATenantsKey() {
		Api anonymous = api.as(null);

		assertProblem(anonymous.get(SENDER), 401, "unauthorized");
		assertProblem(anonymous.send(anonymous.builder(SENDER).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(ACME))), 401, "unauthorized");
		assertProblem(anonymous.post(PREVIEW, "{\"text\":\"Bonjour\"}"), 401, "unauthorized");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM sender_profile WHERE tenant_id = ?").param(tenant.value())
			.query(Long.class).single()).isZero();
	}

	private Api.Response put(String json) {
		return api.send(api.builder(SENDER).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json)));
	}

	private List<String> inboundNumbers() {
		return jdbc.sql("SELECT inbound_number FROM sender_inbound_number WHERE tenant_id = ? ORDER BY ordinal")
			.param(tenant.value())
			.query(String.class)
			.list();
	}

	private static JsonNode ok(Api.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}
}
