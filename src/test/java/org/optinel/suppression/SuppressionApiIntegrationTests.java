package org.optinel.suppression;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optinel.core.Channel;
import org.optinel.core.PhoneNumber;
import org.optinel.core.TenantId;
import org.optinel.tenancy.IdentifierHashing;
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
import static org.optinel.testing.ProblemAssertions.assertFieldProblem;

/** The suppression list through the API and its service; runs on SQLite and on PostgreSQL through its two subclasses. */
@RecordApplicationEvents
abstract class SuppressionApiIntegrationTests {

	private static final String JEANNE = "06 12 34 56 78";

	private static final String JEANNE_E164 = "+33612345678";

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	IdentifierHashing hashing;

	@Autowired
	SuppressionList list;

	@Autowired
	SuppressionManagement management;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	IssuedTenant tenant;

	Api api;

	@BeforeEach
	void newTenant() {
		tenant = tenants.create();
		api = new Api(port, tenant.apiKey());
	}

	@Test
	void addsAPhoneForAllChannelsAndAnswersTheSameEntryWhenItIsAddedAgain() {
		Api.Response first = api.post("/api/v1/suppressions",
				"{\"phone\":\"" + JEANNE + "\",\"reason\":\"OBJECTION\",\"evidence\":{\"letter\":\"2025-03-01\"}}");
		assertThat(first.status()).as(first.body()).isEqualTo(201);
		JsonNode entry = first.json();
		assertThat(entry.get("identifierHash").asString()).isEqualTo(hashing.phone(id(), new PhoneNumber(JEANNE_E164)));
		assertThat(entry.get("channel").asString()).isEqualTo("ALL");
		assertThat(entry.get("reason").asString()).isEqualTo("OBJECTION");
		assertThat(entry.get("since").asString()).isNotBlank();
		assertThat(first.body()).as("FR-10: the answer never shows the number").doesNotContain("612345678");

		Api.Response again = api.post("/api/v1/suppressions", "{\"phone\":\"+33 6 12 34 56 78\",\"reason\":\"ADMIN\"}");
		assertThat(again.status()).as("idempotent: already suppressed").isEqualTo(200);
		assertThat(again.json().get("reason").asString()).isEqualTo("OBJECTION");
		assertThat(again.json().get("since").asString()).isEqualTo(entry.get("since").asString());

		JsonNode check = api.get("/api/v1/suppressions/check?phone=%2B33612345678").json();
		assertThat(check.get("suppressed").asBoolean()).isTrue();
		for (JsonNode channel : check.get("channels")) {
			assertThat(channel.get("suppressed").asBoolean()).isTrue();
			assertThat(channel.get("scope").asString()).isEqualTo("ALL");
			assertThat(channel.get("reason").asString()).isEqualTo("OBJECTION");
		}
		assertThat(rows()).isEqualTo(1);
	}

	@Test
	void publishesWhatItAddsOnceAndOnlyWhatItAdds() {
		PhoneNumber phone = new PhoneNumber(JEANNE_E164);
		SuppressionList.Added first = list.addPhone(id(), phone, Channel.SMS, SuppressionReason.SMS_STOP, Map.of("messageId", "m-1"));
		SuppressionList.Added again = list.addPhone(id(), phone, Channel.SMS, SuppressionReason.SMS_STOP, Map.of("messageId", "m-2"));
		management.addList(id(), List.of(new OptOutLine(2, JEANNE, null, "SMS", null),
				new OptOutLine(3, null, "a@example.fr", null, null)), "import-1", "test");

		assertThat(first.created()).isTrue();
		assertThat(again.created()).isFalse();
		assertThat(again.entry().evidence()).contains("m-1");
		assertThat(events.stream(SuppressionAdded.class).filter(e -> e.tenant().equals(id())).toList()).containsExactly(
				new SuppressionAdded(id(), hashing.phone(id(), phone), Channel.SMS, SuppressionReason.SMS_STOP,
						first.entry().createdAt()),
				new SuppressionAdded(id(), hashing.email(id(), new org.optinel.core.EmailAddress("a@example.fr")), null,
						SuppressionReason.IMPORT, events.stream(SuppressionAdded.class).toList().get(1).at()));
	}

	@Test
	void hashesAreKeyedPerTenantAndTheSuppressionTableNeverHoldsTheIdentifier() { // FR-10
		IssuedTenant other = tenants.create();
		String mine = api.post("/api/v1/suppressions", "{\"phone\":\"" + JEANNE + "\",\"channel\":\"SMS\",\"reason\":\"SMS_STOP\"}")
			.text("identifierHash");
		String theirs = api.as(other.apiKey())
			.post("/api/v1/suppressions", "{\"phone\":\"" + JEANNE + "\",\"channel\":\"SMS\",\"reason\":\"SMS_STOP\"}")
			.text("identifierHash");

		assertThat(mine).matches("[0-9a-f]{64}").isNotEqualTo(theirs);
		assertThat(theirs).isEqualTo(hashing.phone(other.tenant().id(), new PhoneNumber(JEANNE_E164)));
		List<String> stored = jdbc.sql("SELECT identifier_hash || ' ' || evidence FROM suppression WHERE tenant_id IN (?, ?)")
			.params(id().value(), other.tenant().id().value())
			.query(String.class)
			.list();
		assertThat(stored).hasSize(2).noneMatch(row -> row.contains("612345678"));
		assertThat(jdbc.sql("SELECT count(*) FROM tenant_secret WHERE tenant_id IN (?, ?)")
			.params(id().value(), other.tenant().id().value())
			.query(Long.class)
			.single()).as("one sealed secret per tenant").isEqualTo(2);
	}

	@Test
	void anEmailIsSuppressedOnItsChannelWhateverItsCase() {
		assertThat(api.post("/api/v1/suppressions",
				"{\"email\":\"Jeanne.Martin@Example.fr\",\"channel\":\"EMAIL\",\"reason\":\"EMAIL_UNSUBSCRIBE\"}").status())
			.isEqualTo(201);

		JsonNode check = api.get("/api/v1/suppressions/check?email=jeanne.martin@example.FR").json();
		assertThat(check.get("suppressed").asBoolean()).isTrue();
		JsonNode sms = channel(check, "SMS");
		JsonNode email = channel(check, "EMAIL");
		assertThat(sms.get("suppressed").asBoolean()).isFalse();
		assertThat(email.get("suppressed").asBoolean()).isTrue();
		assertThat(email.get("reason").asString()).isEqualTo("EMAIL_UNSUBSCRIBE");
		assertThat(list.isSuppressed(id(), Channel.EMAIL, check.get("identifierHash").asString())).isTrue();
		assertThat(list.isSuppressed(id(), Channel.SMS, check.get("identifierHash").asString())).isFalse();

		JsonNode nobody = api.get("/api/v1/suppressions/check?email=paul@example.fr").json();
		assertThat(nobody.get("suppressed").asBoolean()).isFalse();
	}

	@Test
	void countsActiveEntriesByReasonAndChannel() {
		api.post("/api/v1/suppressions", "{\"phone\":\"0612345601\",\"channel\":\"SMS\",\"reason\":\"SMS_STOP\"}");
		api.post("/api/v1/suppressions", "{\"phone\":\"0612345602\",\"channel\":\"SMS\",\"reason\":\"SMS_STOP\"}");
		api.post("/api/v1/suppressions", "{\"email\":\"a@example.fr\",\"channel\":\"EMAIL\",\"reason\":\"HARD_BOUNCE\"}");
		api.post("/api/v1/suppressions", "{\"email\":\"b@example.fr\",\"reason\":\"OBJECTION\"}");
		String lifted = api.post("/api/v1/suppressions", "{\"phone\":\"0612345603\",\"channel\":\"SMS\",\"reason\":\"SMS_STOP\"}")
			.text("identifierHash");
		list.liftAtPersonsRequest(id(), Channel.SMS, lifted, Map.of("text", "START"));

		JsonNode counts = api.get("/api/v1/suppressions/counts").json();
		assertThat(counts.get("total").asLong()).isEqualTo(4);
		assertThat(counts.get("byReason").get("SMS_STOP").asLong()).as("the lifted entry is not counted").isEqualTo(2);
		assertThat(counts.get("byReason").get("HARD_BOUNCE").asLong()).isEqualTo(1);
		assertThat(counts.get("byChannel").get("SMS").asLong()).isEqualTo(2);
		assertThat(counts.get("byChannel").get("EMAIL").asLong()).isEqualTo(1);
		assertThat(counts.get("byChannel").get("ALL").asLong()).isEqualTo(1);
		assertThat(counts.get("byReasonAndChannel")).hasSize(3);
	}

	@Test
	void badInputIsRefusedWithAClearProblemAndWritesNothing() {
		assertFieldProblem(api.post("/api/v1/suppressions", "{\"phone\":\"" + JEANNE + "\",\"channel\":\"FAX\",\"reason\":\"ADMIN\"}"),
				400, "invalid-field-type", "channel");
		assertFieldProblem(api.post("/api/v1/suppressions", "{\"phone\":\"12\",\"reason\":\"ADMIN\"}"), 422,
				"invalid-input", "phone");
		assertFieldProblem(api.post("/api/v1/suppressions", "{\"phone\":\"" + JEANNE + "\",\"email\":\"j@example.fr\",\"reason\":\"ADMIN\"}"),
				422, "invalid-input", "email");
		assertFieldProblem(api.post("/api/v1/suppressions", "{\"reason\":\"ADMIN\"}"), 422, "invalid-input", "phone", "email");
		assertFieldProblem(api.post("/api/v1/suppressions", "{\"phone\":\"" + JEANNE + "\"}"), 422, "invalid-input", "reason");
		assertFieldProblem(api.post("/api/v1/suppressions", "{\"email\":\"not-an-address\",\"reason\":\"ADMIN\"}"), 422,
				"invalid-input", "email");
		assertFieldProblem(api.post("/api/v1/suppressions", "{\"phone\":\"" + JEANNE + "\",\"reason\":\"FORGOT\"}"), 400,
				"invalid-field-type", "reason");
		assertThat(api.post("/api/v1/suppressions", "{\"phone\":\"" + JEANNE + "\",\"reason\":\"ADMIN\",\"evidence\":\"a letter\"}")
			.status()).isEqualTo(400);
		assertFieldProblem(api.get("/api/v1/suppressions/check?phone=abc"), 422, "invalid-input", "phone");
		assertFieldProblem(api.get("/api/v1/suppressions/check"), 422, "invalid-input", "phone", "email");
		Api.Response noHeader = importCsv("0612345678\n0612345679\n");
		assertThat(noHeader.status()).as(noHeader.body()).isEqualTo(422);
		assertThat(noHeader.isProblem()).isTrue();

		assertThat(rows()).isZero();
		assertThat(api.get("/api/v1/suppressions/counts").json().get("total").asLong()).isZero();
	}

	@Test
	void nobodyCanRemoveOrReplaceAnEntryThroughTheApi() { // KW-02, GDPR-07
		String hash = api.post("/api/v1/suppressions", "{\"phone\":\"" + JEANNE + "\",\"reason\":\"OBJECTION\"}")
			.text("identifierHash");

		for (String path : List.of("/api/v1/suppressions", "/api/v1/suppressions/" + hash)) {
			assertThat(api.send(api.builder(path).DELETE()).status()).as("DELETE " + path).isEqualTo(405);
			assertThat(api.send(api.builder(path)
				.header("Content-Type", "application/json")
				.PUT(HttpRequest.BodyPublishers.ofString("{\"phone\":\"" + JEANNE + "\",\"reason\":\"ADMIN\"}"))).status())
				.as("PUT " + path)
				.isEqualTo(405);
			assertThat(api.patch(path, "{\"liftedAt\":\"2025-01-01T00:00:00Z\"}").status()).as("PATCH " + path)
				.isEqualTo(405);
		}

		JsonNode entry = api.get("/api/v1/suppressions/" + hash).json();
		assertThat(entry.get("suppressed").asBoolean()).isTrue();
		assertThat(channel(entry, "SMS").get("reason").asString()).isEqualTo("OBJECTION");
	}

	@Test
	void reAddingOrReImportingNeverLiftsNorRewritesAnEntry() { // KW-02, GDPR-07
		String hash = api.post("/api/v1/suppressions", "{\"phone\":\"" + JEANNE + "\",\"channel\":\"SMS\",\"reason\":\"SMS_STOP\"}")
			.text("identifierHash");

		assertThat(api.post("/api/v1/suppressions", "{\"phone\":\"" + JEANNE + "\",\"channel\":\"SMS\",\"reason\":\"ADMIN\"}").status())
			.isEqualTo(200);
		JsonNode result = importCsv("phone;channel;reason\n" + JEANNE + ";SMS;\n").json();
		assertThat(result.get("added").asLong()).isZero();
		assertThat(result.get("alreadyPresent").asLong()).isEqualTo(1);

		JsonNode sms = channel(api.get("/api/v1/suppressions/" + hash).json(), "SMS");
		assertThat(sms.get("suppressed").asBoolean()).isTrue();
		assertThat(sms.get("reason").asString()).isEqualTo("SMS_STOP");
		assertThat(history(hash)).containsExactly("ADD");
	}

	@Test
	void onlyThePersonsRequestLiftsAnEntryAndAnOptOutAfterwardsPutsItBack() { // KW-02
		String hash = api.post("/api/v1/suppressions", "{\"phone\":\"" + JEANNE + "\",\"channel\":\"SMS\",\"reason\":\"SMS_STOP\"}")
			.text("identifierHash");
		assertThat(list.liftAtPersonsRequest(id(), null, hash, Map.of())).as("no all-channels entry to lift").isFalse();

		assertThat(list.liftAtPersonsRequest(id(), Channel.SMS, hash, Map.of("text", "START", "from", "sender"))).isTrue();
		assertThat(list.liftAtPersonsRequest(id(), Channel.SMS, hash, Map.of())).as("lifted already").isFalse();
		assertThat(list.isSuppressed(id(), Channel.SMS, hash)).isFalse();
		assertThat(api.get("/api/v1/suppressions/check?phone=" + JEANNE_E164.replace("+", "%2B")).json().get("suppressed")
			.asBoolean()).isFalse();
		assertThat(events.stream(SuppressionLifted.class).filter(e -> e.tenant().equals(id())))
			.containsExactly(new SuppressionLifted(id(), hash, Channel.SMS,
					events.stream(SuppressionLifted.class).filter(e -> e.tenant().equals(id())).findFirst().orElseThrow().at()));

		Api.Response back = api.post("/api/v1/suppressions", "{\"phone\":\"" + JEANNE + "\",\"channel\":\"SMS\",\"reason\":\"SMS_STOP\"}");
		assertThat(back.status()).as("a new opt-out puts the number back on the list").isEqualTo(201);
		assertThat(list.isSuppressed(id(), Channel.SMS, hash)).isTrue();
		assertThat(history(hash)).containsExactly("ADD", "LIFT", "ADD");
	}

	@Test
	void bringsInAnOptOutListLineByLineAndSaysWhatItDid() {
		String csv = "\uFEFFTéléphone;Canal;Motif\n"
				+ "06 12 34 56 01;SMS;SMS_STOP\n"
				+ "0612345602;;\n"
				+ "+33 6 12 34 56 02;ALL;\n"
				+ "12;SMS;\n"
				+ "0612345603;FAX;\n"
				+ "0612345604;SMS;BORED\n"
				+ ";;\n"
				+ "0612345605;email;HARD_BOUNCE\n";
		api.post("/api/v1/suppressions", "{\"phone\":\"0612345605\",\"channel\":\"EMAIL\",\"reason\":\"ADMIN\"}");

		Api.Response response = importCsv(csv);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode result = response.json();
		assertThat(result.get("lines").asLong()).isEqualTo(8);
		assertThat(result.get("added").asLong()).isEqualTo(2);
		assertThat(result.get("duplicates").asLong()).isEqualTo(1);
		assertThat(result.get("alreadyPresent").asLong()).isEqualTo(1);
		assertThat(result.get("rejected").asLong()).isEqualTo(4);
		assertThat(result.get("rejections").toString()).contains("\"line\":5", "\"column\":\"phone\"", "\"line\":6",
				"'FAX' is not a channel", "\"line\":7", "'BORED' is not a reason", "\"line\":8", "neither a phone nor an email");

		JsonNode counts = api.get("/api/v1/suppressions/counts").json();
		assertThat(counts.get("byReason").get("SMS_STOP").asLong()).isEqualTo(1);
		assertThat(counts.get("byReason").get("IMPORT").asLong()).as("the default reason").isEqualTo(1);
		assertThat(counts.get("byChannel").get("ALL").asLong()).isEqualTo(1);
		assertThat(rows()).isEqualTo(3);
	}

	@Test
	void bringsInAnOptOutListGivenAsJson() {
		Api.Response response = api.post("/api/v1/suppressions/imports?source=crm",
				"[{\"email\":\"a@example.fr\",\"channel\":\"EMAIL\"},{\"phone\":\"0612345601\",\"reason\":\"OBJECTION\"},"
						+ "{\"email\":\"A@EXAMPLE.FR\",\"channel\":\"EMAIL\"},{\"phone\":\"nope\"}]");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode result = response.json();
		assertThat(result.get("added").asLong()).isEqualTo(2);
		assertThat(result.get("duplicates").asLong()).isEqualTo(1);
		assertThat(result.get("rejected").asLong()).isEqualTo(1);
		assertThat(api.get("/api/v1/suppressions/check?phone=0612345601").json().get("suppressed").asBoolean()).isTrue();
		String evidence = jdbc.sql("SELECT evidence FROM suppression WHERE tenant_id = ? AND reason = 'IMPORT'")
			.param(id().value())
			.query(String.class)
			.single();
		assertThat(evidence).contains("\"source\":\"crm\"").contains("importId");
	}

	private Api.Response importCsv(String csv) {
		return api.send(api.builder("/api/v1/suppressions/imports?source=old-crm.csv")
			.header("Content-Type", "text/csv")
			.POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)));
	}

	private TenantId id() {
		return tenant.tenant().id();
	}

	private long rows() {
		return jdbc.sql("SELECT count(*) FROM suppression WHERE tenant_id = ?").param(id().value()).query(Long.class).single();
	}

	private List<String> history(String hash) {
		return jdbc.sql("SELECT action FROM suppression_history WHERE tenant_id = ? AND identifier_hash = ? ORDER BY event_id")
			.params(id().value(), hash)
			.query(String.class)
			.list();
	}

	private static JsonNode channel(JsonNode status, String name) {
		for (JsonNode channel : status.get("channels")) {
			if (channel.get("channel").asString().equals(name)) {
				return channel;
			}
		}
		throw new AssertionError("no channel " + name + " in " + status);
	}
}
