package org.optinel.tenancy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optinel.testing.Api;
import org.optinel.testing.TestTenants;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optinel.testing.ProblemAssertions.assertProblem;

/**
 * Nothing crosses tenants: with its own key, tenant A can neither read, change, find nor collide
 * with tenant B's contacts, and B's ids answer 404 (never 403, which would confirm they exist).
 * Runs on both databases.
 */
abstract class TenantIsolationIntegrationTests {

	private static final String CONTACTS = "/api/v1/contacts";

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	Api a;

	Api b;

	String bContact;

	JsonNode bBefore;

	@BeforeEach
	void twoTenantsAndAContactOfB() {
		a = new Api(port, tenants.create().apiKey());
		b = new Api(port, tenants.create().apiKey());
		Api.Response created = b.post(CONTACTS, "{\"externalRef\":\"CRM-7\",\"phone\":\"06 12 34 56 78\","
				+ "\"email\":\"Jeanne.Martin@example.fr\",\"firstName\":\"Jeanne\",\"lastName\":\"Martin\"}");
		assertThat(created.status()).isEqualTo(201);
		bContact = created.text("id");
		Instant lastMonth = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
		assertThat(b.post(CONTACTS + "/" + bContact + "/activities",
				"{\"type\":\"PURCHASE\",\"occurredAt\":\"" + lastMonth + "\"}").status()).isEqualTo(201);
		bBefore = b.get(CONTACTS + "/" + bContact).json();
		assertThat(bBefore.path("lifecycle").asString()).isEqualTo("CLIENT");
	}

	@AfterEach
	void bIsUnchanged() {
		assertThat(b.get(CONTACTS + "/" + bContact).json()).isEqualTo(bBefore);
		JsonNode bItems = b.get(CONTACTS).json().path("items");
		assertThat(bItems).hasSize(1);
		assertThat(bItems.get(0)).isEqualTo(bBefore);
	}

	@Test
	void anotherTenantsContactIsNotFound() {
		assertProblem(a.get(CONTACTS + "/" + bContact), 404, "not-found");
	}

	@Test
	void anotherTenantsContactCannotBeChanged() {
		assertProblem(a.patch(CONTACTS + "/" + bContact, "{\"firstName\":\"Mallory\",\"email\":null}"), 404, "not-found");
		assertProblem(a.patch(CONTACTS + "/" + bContact, "{\"phone\":\"06 99 88 77 66\"}"), 404, "not-found");
	}

	@Test
	void anotherTenantsContactGetsNoActivity() {
		assertProblem(a.post(CONTACTS + "/" + bContact + "/activities", "{\"type\":\"PURCHASE\"}"), 404, "not-found");
		assertProblem(a.post(CONTACTS + "/" + bContact + "/activities",
				"{\"type\":\"INTERACTION\",\"occurredAt\":\"" + Instant.now().minus(1, ChronoUnit.DAYS) + "\"}"), 404,
				"not-found");
	}

	/** The 404 for a foreign id reads exactly like the 404 for an id that exists nowhere. */
	@Test
	void aForeignIdIsIndistinguishableFromAnUnknownOne() {
		String unknown = "01a22731-aaad-7000-b83b-9f80c3a050b7";

		JsonNode foreign = a.get(CONTACTS + "/" + bContact).json();
		JsonNode nowhere = a.get(CONTACTS + "/" + unknown).json();

		assertThat(foreign.path("type")).isEqualTo(nowhere.path("type"));
		assertThat(foreign.path("title")).isEqualTo(nowhere.path("title"));
		assertThat(foreign.path("detail").asString().replace(bContact, "ID"))
			.isEqualTo(nowhere.path("detail").asString().replace(unknown, "ID"));
	}

	@Test
	void listsNeverShowAnotherTenantsContacts() {
		String own = a.post(CONTACTS, "{\"phone\":\"07 81 23 45 67\",\"lastName\":\"Durand\"}").text("id");

		for (String query : List.of("", "?limit=500", "?lifecycle=CLIENT", "?lifecycle=PROSPECT", "?lifecycle=EX_CLIENT",
				"?hasPhone=true", "?hasEmail=true", "?hasEmail=false")) {
			assertThat(ids(a.get(CONTACTS + query))).as(query).doesNotContain(bContact).isSubsetOf(own);
		}
		assertThat(ids(a.get(CONTACTS))).containsExactly(own);
	}

	@Test
	void searchNeverFindsAnotherTenantsContacts() {
		a.post(CONTACTS, "{\"phone\":\"07 81 23 45 67\",\"lastName\":\"Durand\"}");

		for (String q : List.of("Jeanne", "martin", "jeanne.martin@example.fr", "example.fr", "0612345678",
				"%2B33612345678", "06%2012%2034%2056%2078", "612345678", "CRM-7")) {
			assertThat(ids(a.get(CONTACTS + "?q=" + q))).as(q).doesNotContain(bContact);
		}
		assertThat(ids(a.get(CONTACTS + "?q=Jeanne"))).isEmpty();
	}

	/** A cursor is only a position: another tenant's id as a cursor pages through one's own contacts only. */
	@Test
	void anotherTenantsIdAsCursorShowsOnlyOnesOwnContacts() {
		List<String> own = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			own.add(a.post(CONTACTS, "{\"phone\":\"07 81 23 45 6" + i + "\"}").text("id"));
		}

		assertThat(ids(a.get(CONTACTS + "?cursor=" + bContact))).doesNotContain(bContact).isSubsetOf(own);
	}

	/** Uniqueness is per tenant: B's phone, email and reference are free in A, and B is never named. */
	@Test
	void anotherTenantsPhoneEmailAndReferenceAreNoDuplicates() {
		Api.Response samePhone = a.post(CONTACTS, "{\"phone\":\"+33612345678\"}");
		assertThat(samePhone.status()).as(samePhone.body()).isEqualTo(201);
		assertThat(samePhone.text("id")).isNotEqualTo(bContact);
		assertThat(samePhone.body()).doesNotContain(bContact);

		Api.Response sameEmail = a.post(CONTACTS, "{\"email\":\"JEANNE.MARTIN@example.fr\"}");
		assertThat(sameEmail.status()).as(sameEmail.body()).isEqualTo(201);
		assertThat(sameEmail.body()).doesNotContain(bContact);

		assertThat(ids(a.get(CONTACTS))).hasSize(2).doesNotContain(bContact);
	}

	/** An external reference upserts only within the tenant: B's contact with that reference is left alone. */
	@Test
	void anotherTenantsExternalReferenceCreatesInsteadOfUpdating() {
		Api.Response created = a.post(CONTACTS, "{\"externalRef\":\"CRM-7\",\"phone\":\"0612345678\",\"firstName\":\"Paul\"}");

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.text("id")).isNotEqualTo(bContact);
		assertThat(created.text("firstName")).isEqualTo("Paul");
		assertThat(created.text("lifecycle")).isEqualTo("PROSPECT");
	}

	@Test
	void aContactMayTakeOverAnIdentifierThatAnotherTenantHolds() {
		String own = a.post(CONTACTS, "{\"phone\":\"07 81 23 45 67\"}").text("id");

		Api.Response patched = a.patch(CONTACTS + "/" + own,
				"{\"phone\":\"0612345678\",\"email\":\"jeanne.martin@example.fr\",\"externalRef\":\"CRM-7\"}");

		assertThat(patched.status()).as(patched.body()).isEqualTo(200);
		assertThat(patched.text("phone")).isEqualTo("+33612345678");
	}

	/** Both tenants hold the same number: each sees its own contact, with its own lifecycle. */
	@Test
	void theSameNumberInTwoTenantsIsTwoContacts() {
		String own = a.post(CONTACTS, "{\"phone\":\"0612345678\",\"firstName\":\"Paul\"}").text("id");

		JsonNode found = a.get(CONTACTS + "?q=0612345678").json().path("items");

		assertThat(found).hasSize(1);
		assertThat(found.get(0).path("id").asString()).isEqualTo(own);
		assertThat(found.get(0).path("firstName").asString()).isEqualTo("Paul");
		assertThat(found.get(0).path("lifecycle").asString()).isEqualTo("PROSPECT");
	}

	@Test
	void aTenantsOwnActivityDoesNotTouchAnotherTenantsContactWithTheSameNumber() {
		String own = a.post(CONTACTS, "{\"phone\":\"0612345678\"}").text("id");

		Api.Response purchase = a.post(CONTACTS + "/" + own + "/activities", "{\"type\":\"PURCHASE\"}");

		assertThat(purchase.status()).isEqualTo(201);
		assertThat(purchase.text("lifecycle")).isEqualTo("CLIENT");
	}

	private static Set<String> ids(Api.Response page) {
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		Set<String> ids = new HashSet<>();
		for (JsonNode item : page.json().path("items")) {
			ids.add(item.path("id").asString());
		}
		return ids;
	}
}
