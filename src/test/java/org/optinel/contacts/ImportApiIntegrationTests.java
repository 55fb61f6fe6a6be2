package org.optinel.contacts;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optinel.testing.Api;
import org.optinel.testing.TestTenants;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** CSV import through the API; runs on SQLite and on PostgreSQL through its two subclasses. */
abstract class ImportApiIntegrationTests {

	private static final String FRENCH_FILE = "\uFEFFexternal_ref;Prénom;Nom;Email;Portable;achats;ville\r\n"
			+ "C1;Jeanne;Martin;jeanne@example.fr;06 12 34 56 78;2024-03-01|01/06/2025;Paris\r\n"
			+ "C2;Paul;Durand;paul@example.fr;0692 12 34 56;;Lyon\r\n"
			+ "C3;Bad;Phone;bad@example.fr;12;;\r\n"
			+ "C4;No;Contact;;;;\r\n"
			+ "C5;\"Quoted; name\";X;x@example;0612345679;2030-01-01;\r\n"
			+ "C6;Other;Person;other@example.fr;+33612345678;;\r\n";

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
	void importsAFrenchSpreadsheetExportAcceptingOrRejectingEachRowWhole() {
		JsonNode job = importAndWait(FRENCH_FILE);

		assertThat(job.get("status").asString()).isEqualTo("DONE");
		assertThat(job.get("rowsRead").asLong()).isEqualTo(6);
		assertThat(job.get("accepted").asLong()).isEqualTo(2);
		assertThat(job.get("rejected").asLong()).isEqualTo(4);
		assertThat(job.get("contactsCreated").asLong()).isEqualTo(2);
		assertThat(job.get("activitiesAdded").asLong()).isEqualTo(2);
		assertThat(job.get("fileName").asString()).isEqualTo("clients.csv");
		assertThat(job.get("origin").asString()).isEqualTo("boutique, caisse 2019-2025");
		assertThat(job.get("sha256").asString()).hasSize(64);

		String report = api.get("/api/v1/imports/" + job.get("id").asString() + "/errors").body();
		assertThat(report).startsWith("line;column;reason")
			.contains("4;Portable;'12' is not a valid number")
			.contains("5;;has neither a phone nor an email")
			.contains("6;achats;'2030-01-01' lies in the future")
			.contains("6;Email;'x@example' is not an email address")
			.contains("7;;\"matches contact");

		JsonNode contacts = api.get("/api/v1/contacts").json().get("items");
		assertThat(contacts).hasSize(2);
		JsonNode jeanne = contacts.get(0);
		assertThat(jeanne.get("phone").asString()).isEqualTo("+33612345678");
		assertThat(jeanne.get("firstName").asString()).isEqualTo("Jeanne");
		assertThat(jeanne.get("lastPurchaseAt").asString()).as("01/06/2025 is midnight in Paris")
			.isEqualTo("2025-05-31T22:00:00Z");
		assertThat(jeanne.get("lifecycle").asString()).as("SEED-01: the last purchase is older than 12 months")
			.isEqualTo("EX_CLIENT");
		assertThat(contacts.get(1).get("phone").asString()).isEqualTo("+262692123456");
		assertThat(contacts.get(1).get("lifecycle").asString()).isEqualTo("PROSPECT");
	}

	@Test
	void reimportingTheSameFileChangesNothing() {
		importAndWait(FRENCH_FILE);
		JsonNode before = api.get("/api/v1/contacts").json();

		JsonNode again = importAndWait(FRENCH_FILE);

		assertThat(again.get("contactsCreated").asLong()).isZero();
		assertThat(again.get("contactsUpdated").asLong()).isZero();
		assertThat(again.get("contactsUnchanged").asLong()).isEqualTo(2);
		assertThat(again.get("activitiesAdded").asLong()).isZero();
		assertThat(api.get("/api/v1/contacts").json()).isEqualTo(before);
	}

	@Test
	void mergesARowIntoTheContactWithTheSamePhone() {
		api.post("/api/v1/contacts", "{\"phone\":\"0612345678\",\"firstName\":\"J\"}");

		JsonNode job = importAndWait("phone,email,last_name\n+33 6 12 34 56 78,jeanne@example.fr,Martin\n");

		assertThat(job.get("contactsUpdated").asLong()).isEqualTo(1);
		JsonNode contact = api.get("/api/v1/contacts").json().get("items").get(0);
		assertThat(contact.get("firstName").asString()).isEqualTo("J");
		assertThat(contact.get("lastName").asString()).isEqualTo("Martin");
		assertThat(contact.get("email").asString()).isEqualTo("jeanne@example.fr");
	}

	@Test
	void refusesAFileWithBrokenQuotingAndWritesNothing() {
		Api.Response refused = upload("phone;last_name\n0612345678;\"Martin\n0612345679;Durand\n");

		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.isProblem()).isTrue();
		assertThat(refused.text("type")).isEqualTo("https://optinel.org/problems/invalid-import-file");
		assertThat(api.get("/api/v1/contacts").json().get("items")).isEmpty();
	}

	@Test
	void refusesBinaryGarbage() {
		byte[] garbage = { (byte) 0x89, 'P', 'N', 'G', 0, 0, (byte) 0xFF, (byte) 0xFE, 10, 1, 2, 3 };
		Api.Response refused = api.send(api.builder("/api/v1/imports?origin=test&fileName=logo.png")
			.header("Content-Type", "text/csv")
			.POST(HttpRequest.BodyPublishers.ofByteArray(garbage)));

		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.text("detail")).contains("not UTF-8");
	}

	@Test
	void refusesAFileWithoutAPhoneOrEmailColumn() {
		Api.Response refused = upload("name;city\nMartin;Paris\n");

		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.text("detail")).contains("no phone or email column");
	}

	@Test
	void requiresTheDeclaredOrigin() {
		Api.Response refused = api.send(api.builder("/api/v1/imports")
			.header("Content-Type", "text/csv")
			.POST(HttpRequest.BodyPublishers.ofString("phone\n0612345678\n")));

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("origin");
	}

	@Test
	void readsAColumnNamedByAnExplicitMapping() {
		JsonNode job = importAndWait("Numéro perso;Nom\n0612345678;Martin\n", "&map=phone%3DNum%C3%A9ro%20perso");

		assertThat(job.get("accepted").asLong()).isEqualTo(1);
		assertThat(api.get("/api/v1/contacts").json().get("items").get(0).get("phone").asString())
			.isEqualTo("+33612345678");
	}

	@Test
	void anotherTenantCannotSeeTheImport() {
		String id = importAndWait(FRENCH_FILE).get("id").asString();
		Api other = api.as(tenants.create().apiKey());

		assertThat(other.get("/api/v1/imports/" + id).status()).isEqualTo(404);
		assertThat(other.get("/api/v1/imports/" + id + "/errors").status()).isEqualTo(404);
	}

	private JsonNode importAndWait(String csv) {
		return importAndWait(csv, "");
	}

	private JsonNode importAndWait(String csv, String extra) {
		Api.Response accepted = api.send(api.builder("/api/v1/imports?fileName=clients.csv&origin="
				+ "boutique,%20caisse%202019-2025" + extra)
			.header("Content-Type", "text/csv")
			.POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		String id = accepted.text("id");
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (Instant.now().isBefore(deadline)) {
			JsonNode job = api.get("/api/v1/imports/" + id).json();
			String status = job.get("status").asString();
			if (status.equals("DONE") || status.equals("FAILED")) {
				return job;
			}
			sleep();
		}
		throw new AssertionError("import " + id + " did not finish within 30 s");
	}

	private Api.Response upload(String csv) {
		return api.send(api.builder("/api/v1/imports?origin=test")
			.header("Content-Type", "text/csv")
			.POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)));
	}

	private static void sleep() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
