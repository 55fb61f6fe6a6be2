package org.optinel.contacts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optinel.testing.Api;
import org.optinel.testing.TestTenants;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The contact API through HTTP; runs on SQLite and on PostgreSQL through its two subclasses. */
abstract class ContactApiIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	Api api;

	@BeforeEach
	void newTenant() {
		api = new Api(port, tenants.create().apiKey());
	}

	@Test
	void createsAContactWithItsPhoneInE164AndReadsItBack() {
		Api.Response created = api.post("/api/v1/contacts",
				"{\"phone\":\"06 12 34 56 78\",\"email\":\" Jeanne.Martin@Example.FR \",\"firstName\":\"Jeanne\"}");

		assertThat(created.status()).isEqualTo(201);
		String id = created.text("id");
		Api.Response read = api.get("/api/v1/contacts/" + id);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.text("phone")).isEqualTo("+33612345678");
		assertThat(read.text("email")).isEqualTo("Jeanne.Martin@Example.FR");
		assertThat(read.text("lifecycle")).isEqualTo("PROSPECT");
	}

	@Test
	void refusesASecondContactWithTheSamePhoneNamingTheExistingOne() {
		String first = api.post("/api/v1/contacts", "{\"phone\":\"+33 6 12 34 56 78\"}").text("id");

		Api.Response duplicate = api.post("/api/v1/contacts", "{\"phone\":\"0033612345678\"}");

		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.isProblem()).isTrue();
		assertThat(duplicate.text("existingId")).isEqualTo(first);
		assertThat(duplicate.text("type")).isEqualTo("https://optinel.org/problems/duplicate-contact");
	}

	@Test
	void comparesEmailsCaseInsensitively() {
		String first = api.post("/api/v1/contacts", "{\"email\":\"paul@example.fr\"}").text("id");

		Api.Response duplicate = api.post("/api/v1/contacts", "{\"email\":\"PAUL@Example.fr\"}");

		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.text("existingId")).isEqualTo(first);
	}

	@Test
	void upsertsByExternalReference() {
		Api.Response created = api.post("/api/v1/contacts", "{\"externalRef\":\"C-1\",\"phone\":\"0612345678\"}");
		Api.Response updated = api.post("/api/v1/contacts",
				"{\"externalRef\":\"C-1\",\"phone\":\"0612345678\",\"lastName\":\"Durand\"}");

		assertThat(created.status()).isEqualTo(201);
		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.text("id")).isEqualTo(created.text("id"));
		assertThat(updated.text("lastName")).isEqualTo("Durand");
	}

	@Test
	void patchChangesOnlyTheGivenFieldsAndNullClearsOne() {
		String id = api.post("/api/v1/contacts", "{\"phone\":\"0612345678\",\"email\":\"a@example.fr\",\"firstName\":\"A\"}")
			.text("id");

		Api.Response patched = api.patch("/api/v1/contacts/" + id, "{\"email\":null,\"lastName\":\"B\"}");

		assertThat(patched.status()).isEqualTo(200);
		assertThat(patched.text("email")).isNull();
		assertThat(patched.text("firstName")).isEqualTo("A");
		assertThat(patched.text("lastName")).isEqualTo("B");
		assertThat(patched.text("phone")).isEqualTo("+33612345678");
	}

	@Test
	void patchRefusesToLeaveAContactWithNeitherPhoneNorEmail() {
		String id = api.post("/api/v1/contacts", "{\"phone\":\"0612345678\"}").text("id");

		Api.Response patched = api.patch("/api/v1/contacts/" + id, "{\"phone\":null}");

		assertThat(patched.status()).isEqualTo(422);
		assertThat(api.get("/api/v1/contacts/" + id).text("phone")).isEqualTo("+33612345678");
	}

	/** SEED-01, FR-03: only a purchase makes a client; a registration leaves a prospect. */
	@Test
	void registrationLeavesAProspectAndAPurchaseMakesAClient() {
		String id = api.post("/api/v1/contacts", "{\"phone\":\"0612345678\"}").text("id");
		Instant lastWeek = Instant.now().minus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

		Api.Response registration = api.post("/api/v1/contacts/" + id + "/activities",
				"{\"type\":\"REGISTRATION\",\"occurredAt\":\"" + lastWeek + "\"}");
		assertThat(registration.status()).isEqualTo(201);
		assertThat(registration.text("lifecycle")).isEqualTo("PROSPECT");

		Api.Response purchase = api.post("/api/v1/contacts/" + id + "/activities",
				"{\"type\":\"PURCHASE\",\"occurredAt\":\"" + lastWeek + "\"}");
		assertThat(purchase.text("lifecycle")).isEqualTo("CLIENT");

		Api.Response read = api.get("/api/v1/contacts/" + id);
		assertThat(read.text("lastPurchaseAt")).isEqualTo(lastWeek.toString());
		assertThat(read.text("lastInboundAt")).isEqualTo(lastWeek.toString());
	}

	/** SEED-01: the last purchase older than the 12-month window makes an ex-client. */
	@Test
	void aPurchaseOlderThanTheClientWindowMakesAnExClient() {
		String id = api.post("/api/v1/contacts", "{\"email\":\"old@example.fr\"}").text("id");
		Instant longAgo = Instant.now().minus(400, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

		api.post("/api/v1/contacts/" + id + "/activities", "{\"type\":\"PURCHASE\",\"occurredAt\":\"" + longAgo + "\"}");

		assertThat(api.get("/api/v1/contacts/" + id).text("lifecycle")).isEqualTo("EX_CLIENT");
		assertThat(api.get("/api/v1/contacts?lifecycle=EX_CLIENT").json().get("items")).hasSize(1);
		assertThat(api.get("/api/v1/contacts?lifecycle=PROSPECT").json().get("items")).isEmpty();
	}

	@Test
	void refusesAnActivityInTheFuture() {
		String id = api.post("/api/v1/contacts", "{\"phone\":\"0612345678\"}").text("id");
		Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS);

		Api.Response refused = api.post("/api/v1/contacts/" + id + "/activities",
				"{\"type\":\"PURCHASE\",\"occurredAt\":\"" + tomorrow + "\"}");

		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("occurredAt");
	}

	@Test
	void refusesAnInstantGivenAsANumber() {
		String id = api.post("/api/v1/contacts", "{\"phone\":\"0612345678\"}").text("id");

		Api.Response refused = api.post("/api/v1/contacts/" + id + "/activities",
				"{\"type\":\"PURCHASE\",\"occurredAt\":1700000000}");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("occurredAt");
		assertThat(api.get("/api/v1/contacts/" + id).text("lastPurchaseAt")).isNull();
	}

	@Test
	void listsPageByPageWithFilters() {
		for (int i = 0; i < 5; i++) {
			api.post("/api/v1/contacts", "{\"phone\":\"061234567" + i + "\",\"lastName\":\"Martin" + i + "\"}");
		}
		api.post("/api/v1/contacts", "{\"email\":\"solo@example.fr\",\"lastName\":\"Solo\"}");

		Api.Response first = api.get("/api/v1/contacts?hasPhone=true&limit=3");
		assertThat(first.json().get("items")).hasSize(3);
		Api.Response second = api.get("/api/v1/contacts?hasPhone=true&limit=3&cursor=" + first.text("next"));
		assertThat(second.json().get("items")).hasSize(2);
		assertThat(second.text("next")).isNull();

		assertThat(api.get("/api/v1/contacts?hasPhone=false").json().get("items")).hasSize(1);
		assertThat(api.get("/api/v1/contacts?q=MARTIN3").json().get("items")).hasSize(1);
		assertThat(api.get("/api/v1/contacts?q=06%2012%2034%2056").json().get("items")).as("part of a number").hasSize(5);
		assertThat(api.get("/api/v1/contacts?q=06%2012%2034%2056%2072").json().get("items").get(0).get("lastName").asString())
			.isEqualTo("Martin2");
	}
}
