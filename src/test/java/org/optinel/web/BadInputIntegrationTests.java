package org.optinel.web;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.optinel.testing.Api;
import org.optinel.testing.TestTenants;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optinel.testing.ProblemAssertions.assertFieldProblem;
import static org.optinel.testing.ProblemAssertions.assertProblem;
import static org.optinel.testing.ProblemAssertions.messageFor;

/**
 * Whatever a caller sends, the answer is a problem document with a stable type and the right
 * status, never a 500, and a refused request writes nothing. Runs on both databases.
 */
abstract class BadInputIntegrationTests {

	private static final String CONTACTS = "/api/v1/contacts";

	private static final int ONE_MEGABYTE = 1024 * 1024;

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	Api api;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void newTenant() {
		api = new Api(port, tenants.create().apiKey());
	}

	// Malformed bodies

	@Test
	void malformedJsonIsRefusedSayingWhereItBroke() {
		Api.Response refused = api.post(CONTACTS, "{\"phone\":\"0612345678\",\n \"email\": }");

		assertProblem(refused, 400, "malformed-body");
		assertThat(refused.text("detail")).contains("line 2");
		assertNoContacts();
	}

	@Test
	void aTruncatedBodyIsRefused() {
		assertProblem(api.post(CONTACTS, "{\"phone\":\"0612345678\""), 400, "malformed-body");
		assertNoContacts();
	}

	@Test
	void anArrayInsteadOfAnObjectIsRefused() {
		String id = aContact();

		assertProblem(api.post(CONTACTS, "[{\"phone\":\"0612345678\"}]"), 400, "malformed-body");
		assertProblem(api.patch(CONTACTS + "/" + id, "[{\"firstName\":\"Jeanne\"}]"), 400, "malformed-body");
		assertProblem(api.post(CONTACTS + "/" + id + "/activities", "[{\"type\":\"PURCHASE\"}]"), 400, "malformed-body");
		assertOnlyContact(id);
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"0612345678\"", "42", "true" })
	void aBareValueInsteadOfAnObjectIsRefused(String body) {
		String id = aContact();

		assertProblem(api.post(CONTACTS, body), 400, "malformed-body");
		assertProblem(api.patch(CONTACTS + "/" + id, body), 400, "malformed-body");
		assertOnlyContact(id);
	}

	@Test
	void anEmptyBodyIsRefused() {
		String id = aContact();

		assertProblem(api.post(CONTACTS, ""), 400, "malformed-body");
		assertProblem(api.patch(CONTACTS + "/" + id, ""), 400, "malformed-body");
		assertProblem(api.post(CONTACTS + "/" + id + "/activities", ""), 400, "malformed-body");
		assertOnlyContact(id);
	}

	@Test
	void aNullBodyIsRefused() {
		String id = aContact();

		assertProblem(api.post(CONTACTS, "null"), 400, "malformed-body");
		assertProblem(api.patch(CONTACTS + "/" + id, "null"), 400, "malformed-body");
		assertOnlyContact(id);
	}

	@Test
	void anEmptyObjectIsAContactWithoutPhoneOrEmail() {
		assertFieldProblem(api.post(CONTACTS, "{}"), 422, "invalid-input", "phone", "email");
		assertNoContacts();
	}

	// Wrong types

	@ParameterizedTest
	@ValueSource(strings = { "\"yes\"", "\"true\"", "1", "\"\"", "{}", "[true]" })
	void aFlagThatIsNotTrueOrFalseIsRefusedNamingTheField(String value) {
		String id = aContact();

		Api.Response created = api.post(CONTACTS, "{\"email\":\"a@example.fr\",\"professional\":" + value + "}");
		Api.Response patched = api.patch(CONTACTS + "/" + id, "{\"collectedInSale\":" + value + "}");

		assertFieldProblem(created, 400, "invalid-field-type", "professional");
		assertThat(messageFor(created, "professional")).contains("true or false");
		assertFieldProblem(patched, 400, "invalid-field-type", "collectedInSale");
		assertOnlyContact(id);
	}

	@ParameterizedTest
	@ValueSource(strings = { "612345678", "6.12", "true", "{\"number\":\"0612345678\"}", "[\"0612345678\"]" })
	void aTextFieldThatIsNotAStringIsRefusedNamingTheField(String value) {
		String id = aContact();

		Api.Response created = api.post(CONTACTS, "{\"phone\":" + value + "}");
		Api.Response patched = api.patch(CONTACTS + "/" + id, "{\"firstName\":" + value + "}");

		assertFieldProblem(created, 400, "invalid-field-type", "phone");
		assertFieldProblem(patched, 400, "invalid-field-type", "firstName");
		assertOnlyContact(id);
	}

	@Test
	void anUnknownActivityTypeIsRefusedListingTheKnownOnes() {
		String id = aContact();

		Api.Response refused = api.post(CONTACTS + "/" + id + "/activities", "{\"type\":\"GIFT\"}");

		assertFieldProblem(refused, 400, "invalid-field-type", "type");
		assertThat(messageFor(refused, "type")).contains("GIFT").contains("PURCHASE").contains("INTERACTION");
		assertNoActivity(id);
	}

	@Test
	void anActivityWithoutTypeIsRefused() {
		String id = aContact();

		assertFieldProblem(api.post(CONTACTS + "/" + id + "/activities", "{}"), 422, "invalid-input", "type");
		assertFieldProblem(api.post(CONTACTS + "/" + id + "/activities", "{\"type\":null}"), 422, "invalid-input", "type");
		assertNoActivity(id);
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"yesterday\"", "\"2025-03-01T09:30:00\"", "\"01/03/2025\"", "true" })
	void anActivityTimeThatIsNotAnInstantIsRefused(String value) {
		String id = aContact();

		Api.Response refused = api.post(CONTACTS + "/" + id + "/activities",
				"{\"type\":\"PURCHASE\",\"occurredAt\":" + value + "}");

		assertFieldProblem(refused, 400, "invalid-field-type", "occurredAt");
		assertNoActivity(id);
	}

	@Test
	void anActivityInTheFutureIsRefused() {
		String id = aContact();
		Instant nextWeek = Instant.now().plus(7, ChronoUnit.DAYS);

		assertFieldProblem(api.post(CONTACTS + "/" + id + "/activities",
				"{\"type\":\"PURCHASE\",\"occurredAt\":\"" + nextWeek + "\"}"), 422, "invalid-input", "occurredAt");
		assertNoActivity(id);
	}

	// Unknown fields

	@Test
	void anUnknownFieldIsRefusedListingTheKnownOnes() {
		String id = aContact();

		Api.Response created = api.post(CONTACTS, "{\"phone\":\"0612345678\",\"nickname\":\"Jo\"}");
		Api.Response patched = api.patch(CONTACTS + "/" + id, "{\"firstName\":\"Jo\",\"nickname\":\"Jo\"}");
		Api.Response activity = api.post(CONTACTS + "/" + id + "/activities", "{\"type\":\"PURCHASE\",\"amount\":12}");

		assertFieldProblem(created, 400, "unknown-field", "nickname");
		assertThat(messageFor(created, "nickname")).contains("firstName").contains("phone");
		assertFieldProblem(patched, 400, "unknown-field", "nickname");
		assertThat(messageFor(patched, "nickname")).contains("firstName").contains("phone");
		assertFieldProblem(activity, 400, "unknown-field", "amount");
		assertOnlyContact(id);
		assertNoActivity(id);
	}

	/** Ids and derived values are the server's: a caller cannot set them. */
	@Test
	void serverSideFieldsCannotBeSent() {
		String id = aContact();

		assertFieldProblem(api.post(CONTACTS, "{\"phone\":\"0612345678\",\"id\":\"" + UUID.randomUUID() + "\"}"), 400,
				"unknown-field", "id");
		assertFieldProblem(api.patch(CONTACTS + "/" + id, "{\"lifecycle\":\"CLIENT\"}"), 400, "unknown-field", "lifecycle");
		assertOnlyContact(id);
	}

	// Invalid values

	@Test
	void anInvalidPhoneAndEmailAreRefusedTogetherNamingEachField() {
		Api.Response refused = api.post(CONTACTS, "{\"phone\":\"06 12 34\",\"email\":\"jeanne.example.fr\"}");

		assertFieldProblem(refused, 422, "invalid-input", "phone", "email");
		assertThat(messageFor(refused, "phone")).contains("06 12 34");
		assertThat(messageFor(refused, "email")).contains("jeanne.example.fr");
		assertNoContacts();
	}

	@ParameterizedTest
	@ValueSource(strings = { "hello", "+33 6 12", "06 12 34 56 78 90 12", "+999 612345678", "07 00 00 00 00" })
	void anInvalidPhoneIsRefusedOnCreateAndOnPatch(String phone) {
		String id = aContact();

		assertFieldProblem(api.post(CONTACTS, "{\"phone\":\"" + phone + "\"}"), 422, "invalid-input", "phone");
		assertFieldProblem(api.patch(CONTACTS + "/" + id, "{\"phone\":\"" + phone + "\"}"), 422, "invalid-input", "phone");
		assertOnlyContact(id);
	}

	@ParameterizedTest
	@ValueSource(strings = { "jeanne", "jeanne@", "@example.fr", "jeanne@example", "a b@example.fr" })
	void anInvalidEmailIsRefusedOnCreateAndOnPatch(String email) {
		String id = aContact();

		assertFieldProblem(api.post(CONTACTS, "{\"email\":\"" + email + "\"}"), 422, "invalid-input", "email");
		assertFieldProblem(api.patch(CONTACTS + "/" + id, "{\"email\":\"" + email + "\"}"), 422, "invalid-input", "email");
		assertOnlyContact(id);
	}

	@Test
	void anInvalidLocaleAndCountryAreRefusedNamingEachField() {
		String id = aContact();

		Api.Response created = api.post(CONTACTS,
				"{\"email\":\"a@example.fr\",\"locale\":\"not a locale!\",\"country\":\"France\"}");
		Api.Response patched = api.patch(CONTACTS + "/" + id, "{\"locale\":\"12\",\"country\":\"XX\"}");

		assertFieldProblem(created, 422, "invalid-input", "locale", "country");
		assertThat(messageFor(created, "country")).contains("France").contains("ISO 3166");
		assertFieldProblem(patched, 422, "invalid-input", "locale", "country");
		assertOnlyContact(id);
	}

	@Test
	void overlongOrControlCharacterTextIsRefused() {
		String id = aContact();

		assertFieldProblem(api.post(CONTACTS, "{\"phone\":\"0612345678\",\"firstName\":\"" + "J".repeat(201) + "\"}"), 422,
				"invalid-input", "firstName");
		assertFieldProblem(api.patch(CONTACTS + "/" + id, "{\"lastName\":\"Mar\\u0000tin\"}"), 422, "invalid-input",
				"lastName");
		assertOnlyContact(id);
	}

	// Size limits (optinel.web.max-json-body, 1MB by default)

	@Test
	void aBodyOverTheLimitIsRefusedWhenItsLengthIsDeclared() {
		String body = contactWithNameOf(ONE_MEGABYTE + 10);

		Api.Response refused = api.send(api.builder(CONTACTS).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));

		assertProblem(refused, 413, "body-too-large");
		assertThat(refused.json().path("limit").asLong()).isEqualTo(ONE_MEGABYTE);
		assertNoContacts();
	}

	@Test
	void aChunkedBodyOverTheLimitIsRefusedWhileItIsRead() {
		String body = contactWithNameOf(ONE_MEGABYTE + 10);

		Api.Response refused = api.send(api.builder(CONTACTS).header("Content-Type", "application/json")
			.POST(chunked(body)));

		assertProblem(refused, 413, "body-too-large");
		assertThat(refused.json().path("limit").asLong()).isEqualTo(ONE_MEGABYTE);
		assertNoContacts();
	}

	@Test
	void aChunkedPatchOverTheLimitIsRefused() {
		String id = aContact();
		String body = "{\"firstName\":\"" + "x".repeat(ONE_MEGABYTE) + "\"}";

		assertProblem(api.send(api.builder(CONTACTS + "/" + id).header("Content-Type", "application/json")
			.method("PATCH", chunked(body))), 413, "body-too-large");
		assertOnlyContact(id);
	}

	/** A batch of thousands of answers is larger than one JSON request may be; it has its own limit. */
	@Test
	void aBatchEndpointReadsABodyLargerThanTheJsonLimit() {
		String body = "{\"events\":[" + "{\"channel\":\"FAX\"},".repeat(ONE_MEGABYTE / 18) + "{\"channel\":\"FAX\"}]}";
		assertThat(body.length()).isGreaterThan(ONE_MEGABYTE);

		Api.Response judged = api.post("/api/v1/consents/batch", body);

		assertThat(judged.status()).as(judged.body()).isNotEqualTo(413).isBetween(400, 499);
		assertProblem(api.post("/api/v1/consents", body), 413, "body-too-large");
	}

	/** Just under the limit the body is read, and judged on what it says. */
	@Test
	void aBodyJustUnderTheLimitIsRead() {
		String body = contactWithNameOf(ONE_MEGABYTE - 100);

		assertFieldProblem(api.post(CONTACTS, body), 422, "invalid-input", "firstName");
		assertFieldProblem(api.send(api.builder(CONTACTS).header("Content-Type", "application/json").POST(chunked(body))),
				422, "invalid-input", "firstName");
		assertNoContacts();
	}

	// Authentication

	@Test
	void everyEndpointRefusesARequestWithoutKey() throws Exception {
		String id = aContact();
		Api anonymous = api.as(null);

		for (HttpRequest.Builder request : everyEndpoint(anonymous, id)) {
			HttpResponse<String> refused = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			assertProblem(response(refused), 401, "unauthorized");
			assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		}
		assertOnlyContact(id);
		assertNoActivity(id);
	}

	@Test
	void everyEndpointRefusesAnUnknownKey() throws Exception {
		String id = aContact();
		Api stranger = api.as("opt_" + "A".repeat(43));

		for (HttpRequest.Builder request : everyEndpoint(stranger, id)) {
			HttpResponse<String> refused = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			assertProblem(response(refused), 401, "unauthorized");
			assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
					value -> assertThat(value).startsWith("Bearer").contains("invalid_token"));
		}
		assertOnlyContact(id);
		assertNoActivity(id);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Token abc", "bearer" })
	void aMalformedAuthorizationHeaderIsRefused(String header) {
		Api.Response refused = api.send(api.as(null).builder(CONTACTS).header("Authorization", header)
			.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"phone\":\"0612345678\"}")));

		assertProblem(refused, 401, "unauthorized");
		assertNoContacts();
	}

	// Content types

	@Test
	void aBodyThatIsNotJsonIsRefusedByItsContentType() {
		String id = aContact();
		String json = "{\"phone\":\"0612345678\"}";

		assertProblem(api.send(api.builder(CONTACTS).header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString(json))), 415, "unsupported-media-type");
		assertProblem(api.send(api.builder(CONTACTS).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("phone=0612345678"))), 415, "unsupported-media-type");
		assertProblem(api.send(api.builder(CONTACTS).POST(HttpRequest.BodyPublishers.ofString(json))), 415,
				"unsupported-media-type");
		assertProblem(api.send(api.builder(CONTACTS + "/" + id).header("Content-Type", "text/plain")
			.method("PATCH", HttpRequest.BodyPublishers.ofString("{\"firstName\":\"Jo\"}"))), 415, "unsupported-media-type");
		assertProblem(api.send(api.builder(CONTACTS + "/" + id + "/activities").header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"PURCHASE\"}"))), 415, "unsupported-media-type");
		assertOnlyContact(id);
		assertNoActivity(id);
	}

	// Ids

	@ParameterizedTest
	@ValueSource(strings = { "not-an-id", "42", "01a22731-aaad-7000-b83b-9f80c3a050b7x", "%20", "null" })
	void aMalformedContactIdIsNotFound(String id) {
		assertProblem(api.get(CONTACTS + "/" + id), 404, "not-found");
		assertProblem(api.patch(CONTACTS + "/" + id, "{\"firstName\":\"Jo\"}"), 404, "not-found");
		assertProblem(api.post(CONTACTS + "/" + id + "/activities", "{\"type\":\"PURCHASE\"}"), 404, "not-found");
		assertNoContacts();
	}

	@Test
	void anUnknownContactIdIsNotFound() {
		String unknown = UUID.randomUUID().toString();

		assertProblem(api.get(CONTACTS + "/" + unknown), 404, "not-found");
		assertProblem(api.patch(CONTACTS + "/" + unknown, "{\"firstName\":\"Jo\"}"), 404, "not-found");
		assertProblem(api.post(CONTACTS + "/" + unknown + "/activities", "{\"type\":\"PURCHASE\"}"), 404, "not-found");
		assertNoContacts();
	}

	// Query parameters

	@Test
	void anUnknownLifecycleIsRefusedListingTheKnownOnes() {
		Api.Response refused = api.get(CONTACTS + "?lifecycle=VIP");

		assertFieldProblem(refused, 400, "invalid-parameter", "lifecycle");
		assertThat(messageFor(refused, "lifecycle")).contains("VIP").contains("PROSPECT").contains("EX_CLIENT");
	}

	@ParameterizedTest
	@ValueSource(strings = { "hasPhone=maybe", "hasEmail=2", "limit=abc", "limit=1.5", "limit=99999999999" })
	void aParameterOfTheWrongTypeIsRefused(String query) {
		String parameter = query.substring(0, query.indexOf('='));

		assertFieldProblem(api.get(CONTACTS + "?" + query), 400, "invalid-parameter", parameter);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, -1, 501, Integer.MAX_VALUE })
	void aLimitOutOfRangeIsRefusedSayingTheRange(int limit) {
		Api.Response refused = api.get(CONTACTS + "?limit=" + limit);

		assertFieldProblem(refused, 422, "invalid-input", "limit");
		assertThat(messageFor(refused, "limit")).contains("1").contains("500");
	}

	@Test
	void theLimitsOfTheRangeAreAccepted() {
		assertThat(api.get(CONTACTS + "?limit=1").status()).isEqualTo(200);
		assertThat(api.get(CONTACTS + "?limit=500").status()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "xyz", "0", "eyJpZCI6MX0", "01a22731-aaad-7000-b83b" })
	void aCursorThatThisApiDidNotIssueIsRefused(String cursor) {
		assertFieldProblem(api.get(CONTACTS + "?cursor=" + cursor), 422, "invalid-input", "cursor");
	}

	// Routes

	@Test
	void anUnknownPathOrMethodIsAProblemToo() {
		assertProblem(api.get("/api/v1/nothing-here"), 404, "not-found");
		assertProblem(api.send(api.builder(CONTACTS).DELETE()), 405, "method-not-allowed");
	}

	// Helpers

	private String aContact() {
		Api.Response created = api.post(CONTACTS, "{\"phone\":\"06 98 76 54 32\",\"firstName\":\"Jeanne\"}");
		assertThat(created.status()).isEqualTo(201);
		return created.text("id");
	}

	private void assertNoContacts() {
		Api.Response list = api.get(CONTACTS);
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json().path("items")).as("contacts of the tenant").isEmpty();
	}

	/** The tenant has this contact only, unchanged from what {@link #aContact()} created. */
	private void assertOnlyContact(String id) {
		JsonNode items = api.get(CONTACTS).json().path("items");
		assertThat(items).hasSize(1);
		JsonNode contact = items.get(0);
		assertThat(contact.path("id").asString()).isEqualTo(id);
		assertThat(contact.path("phone").asString()).isEqualTo("+33698765432");
		assertThat(contact.path("firstName").asString()).isEqualTo("Jeanne");
		assertThat(contact.path("createdAt").asString()).isEqualTo(contact.path("updatedAt").asString());
		for (String unset : List.of("email", "lastName", "locale", "country", "externalRef", "lastInboundAt")) {
			assertThat(contact.path(unset).isNull()).as(unset).isTrue();
		}
		for (String flag : List.of("professional", "collectedInSale", "optOutOffered")) {
			assertThat(contact.path(flag).asBoolean()).as(flag).isFalse();
		}
	}

	private void assertNoActivity(String id) {
		JsonNode contact = api.get(CONTACTS + "/" + id).json();
		assertThat(contact.path("lastInboundAt").isNull()).as("lastInboundAt of %s", contact).isTrue();
		assertThat(contact.path("lifecycle").asString()).isEqualTo("PROSPECT");
	}

	private static String contactWithNameOf(int bytes) {
		String prefix = "{\"phone\":\"0611223344\",\"firstName\":\"";
		return prefix + "x".repeat(bytes - prefix.length() - 2) + "\"}";
	}

	/** A body without Content-Length: HTTP/1.1 sends it chunked. */
	private static HttpRequest.BodyPublisher chunked(String body) {
		HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString(body));
		assertThat(publisher.contentLength()).isNegative();
		return publisher;
	}

	private List<HttpRequest.Builder> everyEndpoint(Api caller, String id) {
		return List.of(caller.builder(CONTACTS).GET(), caller.builder(CONTACTS + "?q=Jeanne").GET(),
				caller.builder(CONTACTS + "/" + id).GET(),
				caller.builder(CONTACTS).header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"phone\":\"0611223344\"}")),
				caller.builder(CONTACTS + "/" + id).header("Content-Type", "application/json")
					.method("PATCH", HttpRequest.BodyPublishers.ofString("{\"firstName\":\"Paul\"}")),
				caller.builder(CONTACTS + "/" + id + "/activities").header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"PURCHASE\"}")));
	}

	private static Api.Response response(HttpResponse<String> response) {
		return new Api.Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
				response.body());
	}
}
