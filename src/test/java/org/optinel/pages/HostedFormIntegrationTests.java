package org.optinel.pages;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.optinel.core.TenantId;
import org.optinel.tenancy.IssuedTenant;
import org.optinel.testing.Api;
import org.optinel.testing.TestTenants;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hosted consent forms over real HTTP: definitions that would break a consent rule are refused by
 * name, the public page shows unticked boxes with their notices in French and English, and a
 * submission records one grant per ticked box with its evidence, or nothing at all. Runs on SQLite
 * and PostgreSQL through its subclasses.
 */
abstract class HostedFormIntegrationTests {

	static final String NEWSLETTER_FR = "Je souhaite recevoir la lettre d'information par e-mail.";

	static final String NEWSLETTER_EN = "I want to receive the newsletter by email.";

	static final String PROMOTIONS_FR = "Je souhaite recevoir les offres par SMS.";

	static final String PROMOTIONS_EN = "I want to receive offers by text message.";

	static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Test";

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	JdbcClient jdbc;

	Api api;

	Api anonymous;

	TenantId tenant;

	String newsletterFr;

	String newsletterEn;

	String promotionsFr;

	String promotionsEn;

	@BeforeEach
	void aTenantWithTwoPurposesAndTheirNotices() {
		IssuedTenant issued = tenants.create();
		tenant = issued.tenant().id();
		api = new Api(port, issued.apiKey());
		anonymous = new Api(port, null);
		purpose("newsletter");
		purpose("promotions");
		newsletterFr = notice("newsletter", "fr", NEWSLETTER_FR);
		newsletterEn = notice("newsletter", "en", NEWSLETTER_EN);
		promotionsFr = notice("promotions", "fr", PROMOTIONS_FR);
		promotionsEn = notice("promotions", "en", PROMOTIONS_EN);
	}

	// Definitions

	@Test
	@DisplayName("GDPR-01: a form that pre-ticks its boxes is refused, naming the field")
	void aFormThatPreTicksItsBoxesIsRefused() {
		assertRefused(form("\"precheckedByDefault\": true,", ""), "gdpr-01", "precheckedByDefault");
		assertRefused(form("", "\"prechecked\": true,"), "gdpr-01", "asks[0].prechecked");
	}

	@Test
	@DisplayName("GDPR-04: an ask bundling channels or purposes in one box is refused, naming the field")
	void anAskBundlingChannelsOrPurposesIsRefused() {
		assertRefused(form("", "\"channels\": [\"SMS\", \"EMAIL\"],"), "gdpr-04", "asks[0].channels");
		assertRefused(form("", "\"purposes\": [\"newsletter\", \"promotions\"],"), "gdpr-04", "asks[0].purposes");
	}

	@Test
	@DisplayName("GDPR-03: a form that ties consent to the terms, or makes an ask required, is refused")
	void aFormThatTiesConsentToTheTermsIsRefused() {
		assertRefused(form("\"consentRequiredForTerms\": true,", ""), "gdpr-03", "consentRequiredForTerms");
		assertRefused(form("", "\"required\": true,"), "gdpr-03", "asks[0].required");
	}

	@Test
	@DisplayName("GDPR-02: a notice that does not exist, is of another purpose or in another language is refused")
	void aNoticeThatDoesNotProveTheAskIsRefused() {
		assertRefused(formWith(ask("EMAIL", "newsletter", "01234567-89ab-7def-8123-456789abcdef", newsletterEn, ""),
				ask("SMS", "promotions", promotionsFr, promotionsEn, "")), "gdpr-02", "asks[0].noticeIds.fr");
		assertRefused(formWith(ask("EMAIL", "newsletter", promotionsFr, newsletterEn, ""),
				ask("SMS", "promotions", promotionsFr, promotionsEn, "")), "gdpr-02", "asks[0].noticeIds.fr");
		assertRefused(formWith(ask("EMAIL", "newsletter", newsletterEn, newsletterFr, ""),
				ask("SMS", "promotions", promotionsFr, promotionsEn, "")), "gdpr-02", "asks[0].noticeIds.fr");
	}

	@Test
	void anAskNeedsTheFieldOfItsChannel() {
		String noPhone = form("", "").replace("{\"name\": \"phone\"},", "");

		Api.Response refused = api.post("/api/v1/forms", noPhone);

		assertThat(refused.status()).isEqualTo(422);
		assertThat(fields(refused)).contains("asks[1].channel");
		assertThat(formCount()).isZero();
	}

	@Test
	void aChangeMakesANewVersionAndTheFormReadsBack() {
		JsonNode created = define();
		String id = created.path("id").asString();

		Api.Response changed = api.send(api.builder("/api/v1/forms/" + id).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(form("", "").replace("Lettre et offres", "Nouveau nom"))));

		assertThat(created.path("version").asInt()).isEqualTo(1);
		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.json().path("version").asInt()).isEqualTo(2);
		assertThat(api.get("/api/v1/forms/" + id).json().path("name").asString()).isEqualTo("Nouveau nom");
		assertThat(api.get("/api/v1/forms").json()).hasSize(1);
		assertThat(api.get("/api/v1/forms/" + id).json().path("url").asString()).isEqualTo(created.path("url").asString());
	}

	// The public page

	@Test
	@DisplayName("GDPR-01, GDPR-03, GDPR-04: the page shows one unticked box per ask with its French notice, apart from the terms")
	void thePageShowsUntickedBoxesWithTheirNoticesInFrench() {
		String url = define().path("url").asString();

		Api.Response page = anonymous.get(url);

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("<html lang=\"fr\">",
				"<input type=\"checkbox\" id=\"ask0\" name=\"ask0\" value=\"yes\"> <label for=\"ask0\">"
						+ "Je souhaite recevoir la lettre d&#39;information par e-mail.</label>",
				"<input type=\"checkbox\" id=\"ask1\" name=\"ask1\" value=\"yes\"> <label for=\"ask1\">" + PROMOTIONS_FR
						+ "</label>",
				"Exemple SAS", "href=\"https://example.fr/confidentialite\"", "répondez STOP",
				"<button type=\"submit\">", "<label for=\"f-email\">", "?lang=en");
		assertThat(page.body()).doesNotContain("checked", NEWSLETTER_EN);
		// the terms box sits in its own fieldset, after the consent boxes' fieldset is closed
		int consents = page.body().indexOf("id=\"ask1\"");
		int terms = page.body().indexOf("id=\"terms\"");
		assertThat(page.body().substring(consents, terms)).contains("</fieldset>\n<fieldset>");
	}

	@Test
	void thePageIsSentWithAStrictContentSecurityPolicyAndNotStored() throws Exception {
		String url = define().path("url").asString();

		var response = java.net.http.HttpClient.newHttpClient()
			.send(anonymous.builder(url).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());

		String csp = response.headers().firstValue("Content-Security-Policy").orElseThrow();
		assertThat(csp).contains("default-src 'none'", "style-src 'sha256-", "form-action 'self'",
				"frame-ancestors 'none'", "img-src https://cdn.example.fr").doesNotContain("unsafe-inline", "script-src");
		assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
		assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
		assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
	}

	@Test
	void thePageIsInEnglishWhenTheBrowserPrefersItOrItIsAsked() {
		String url = define().path("url").asString();

		Api.Response preferred = anonymous.send(anonymous.builder(url).header("Accept-Language", "de-DE, en-GB;q=0.8, fr;q=0.5").GET());
		Api.Response asked = anonymous.get(url + "?lang=en");

		for (Api.Response page : List.of(preferred, asked)) {
			assertThat(page.body()).contains("<html lang=\"en\">", NEWSLETTER_EN, PROMOTIONS_EN, "reply STOP", "?lang=fr")
				.doesNotContain(PROMOTIONS_FR, "checked");
		}
	}

	@Test
	void withoutAPreferenceThePageSpeaksTheLanguageOfTheTenantsRegion() {
		String french = define().path("url").asString();
		IssuedTenant british = tenants.create("GB");
		api = new Api(port, british.apiKey());
		purpose("newsletter");
		purpose("promotions");
		newsletterFr = notice("newsletter", "fr", NEWSLETTER_FR);
		newsletterEn = notice("newsletter", "en", NEWSLETTER_EN);
		promotionsFr = notice("promotions", "fr", PROMOTIONS_FR);
		promotionsEn = notice("promotions", "en", PROMOTIONS_EN);
		String english = define().path("url").asString();

		assertThat(anonymous.get(french).body()).contains("<html lang=\"fr\">", PROMOTIONS_FR);
		assertThat(anonymous.get(english).body()).contains("<html lang=\"en\">", PROMOTIONS_EN);
		assertThat(anonymous.get(english + "?lang=fr").body()).contains("<html lang=\"fr\">");
	}

	@Test
	void anUnknownFormIsAPlainNotFoundPage() {
		assertThat(anonymous.get("/f/" + tenant.value() + ".01234567-89ab-7def-8123-456789abcdef").status()).isEqualTo(404);
		assertThat(anonymous.get("/f/nonsense").status()).isEqualTo(404);
	}

	// Submissions

	@Test
	@DisplayName("GDPR-01, GDPR-02, GDPR-04: one of two boxes ticked records exactly one grant, with its evidence, for a new prospect")
	void oneOfTwoBoxesTickedRecordsExactlyOneGrantWithItsEvidence() {
		JsonNode form = define();
		String url = form.path("url").asString();

		Api.Response thanks = submit(url, "lang", "en", "version", "1", "email", "jeanne.martin@example.fr", "phone", "",
				"firstName", "Jeanne", "ask0", "yes", "terms", "yes");

		assertThat(thanks.status()).isEqualTo(200);
		assertThat(thanks.body()).contains("Thank you");
		assertThat(eventCount()).isEqualTo(1);
		String contactId = jdbc.sql("SELECT contact_id FROM consent_event WHERE tenant_id = ?").param(tenant.value())
			.query(String.class).single();
		JsonNode contact = api.get("/api/v1/contacts/" + contactId).json();
		assertThat(contact.path("lifecycle").asString()).isEqualTo("PROSPECT");
		assertThat(contact.path("email").asString()).isEqualTo("jeanne.martin@example.fr");
		assertThat(contact.path("firstName").asString()).isEqualTo("Jeanne");
		assertThat(contact.path("consents")).hasSize(1);
		JsonNode consent = contact.path("consents").get(0);
		assertThat(consent.path("channel").asString()).isEqualTo("EMAIL");
		assertThat(consent.path("purpose").asString()).isEqualTo("newsletter");
		assertThat(consent.path("status").asString()).isEqualTo("GRANTED");

		JsonNode proof = api.get("/api/v1/contacts/" + contactId + "/proof").json();
		assertThat(proof.path("events")).hasSize(1);
		JsonNode event = proof.path("events").get(0);
		assertThat(event.path("action").asString()).isEqualTo("GRANT");
		assertThat(event.path("source").asString()).isEqualTo("WEB_FORM");
		assertThat(event.path("noticeId").asString()).isEqualTo(newsletterEn);
		JsonNode evidence = event.path("evidence").path("fields");
		assertThat(evidence.path("formId").asString()).isEqualTo(form.path("id").asString() + "@v1");
		assertThat(evidence.path("ip").asString()).isEqualTo("127.0.0.1");
		assertThat(evidence.path("userAgent").asString()).isEqualTo(BROWSER);
		assertThat(evidence.path("checkbox").path("prechecked").asBoolean()).isFalse();
		assertThat(evidence.path("checkbox").path("separateFromTerms").asBoolean()).isTrue();
		assertThat(api.get("/api/v1/ledger/verify").json().path("ok").asBoolean()).isTrue();
	}

	@Test
	@DisplayName("GDPR-01: a submission claiming a pre-ticked box, or sending what the page never sends, is refused and writes nothing")
	void aTamperedSubmissionIsRefusedAndWritesNothing() {
		String url = define().path("url").asString();

		Api.Response claimed = submit(url, "lang", "fr", "version", "1", "email", "jeanne.martin@example.fr",
				"ask0", "yes", "prechecked", "true");
		Api.Response otherValue = submit(url, "lang", "fr", "version", "1", "email", "jeanne.martin@example.fr",
				"ask0", "checked");
		Api.Response unknownBox = submit(url, "lang", "fr", "version", "1", "email", "jeanne.martin@example.fr",
				"ask7", "yes");

		for (Api.Response refused : List.of(claimed, otherValue, unknownBox)) {
			assertThat(refused.status()).isEqualTo(422);
			assertThat(refused.body()).contains("rien n'a été enregistré");
		}
		assertThat(claimed.body()).contains("prechecked");
		assertThat(eventCount()).isZero();
		assertThat(contactCount()).isZero();
	}

	@Test
	void aMissingRequiredFieldShowsTheErrorsKeepsWhatWasTypedAndWritesNothing() {
		String url = define().path("url").asString();

		Api.Response page = submit(url, "lang", "fr", "version", "1", "email", "", "firstName", "Jeanne", "ask0", "yes");

		assertThat(page.status()).isEqualTo(422);
		assertThat(page.body()).contains("role=\"alert\"", "Adresse e-mail", "est obligatoire", "value=\"Jeanne\"")
			.doesNotContain("checked");
		assertThat(eventCount()).isZero();
		assertThat(contactCount()).isZero();
	}

	@Test
	void aSubmissionGoesOnToTheRedirectUrlWithA303AndNamesTheVersionShown() {
		JsonNode v1 = define();
		String id = v1.path("id").asString();
		api.send(api.builder("/api/v1/forms/" + id).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(form("\"redirectUrl\": \"https://example.fr/merci\",", ""))));

		Api.Response onV1 = submit(v1.path("url").asString(), "lang", "fr", "version", "1", "phone", "06 12 34 56 78",
				"email", "jeanne.martin@example.fr", "ask1", "yes");
		Api.Response onV2 = submit(v1.path("url").asString(), "lang", "fr", "version", "2", "phone", "06 12 34 56 78",
				"email", "jeanne.martin@example.fr", "ask1", "yes");

		assertThat(onV1.status()).isEqualTo(200);
		assertThat(onV2.status()).isEqualTo(303);
		assertThat(contactCount()).isEqualTo(1);
		String contactId = jdbc.sql("SELECT contact_id FROM contact WHERE tenant_id = ?").param(tenant.value())
			.query(String.class).single();
		List<String> formIds = new ArrayList<>();
		api.get("/api/v1/contacts/" + contactId + "/proof").json().path("events")
			.forEach(e -> formIds.add(e.path("evidence").path("fields").path("formId").asString()));
		assertThat(formIds).containsExactly(id + "@v1", id + "@v2");
	}

	@Test
	void noBoxTickedRecordsNothingAndKeepsNoDetails() {
		String url = define().path("url").asString();

		Api.Response page = submit(url, "lang", "fr", "version", "1", "email", "jeanne.martin@example.fr", "terms", "yes");

		assertThat(page.status()).isEqualTo(200);
		assertThat(eventCount()).isZero();
		assertThat(contactCount()).isZero();
	}

	// Helpers

	private JsonNode define() {
		Api.Response created = api.post("/api/v1/forms", form("", ""));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json();
	}

	private Api.Response submit(String url, String... namesAndValues) {
		List<String> pairs = new ArrayList<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			pairs.add(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
		}
		return anonymous.send(anonymous.builder(url)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("User-Agent", BROWSER)
			.POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs))));
	}

	private void assertRefused(String body, String type, String field) {
		Api.Response refused = api.post("/api/v1/forms", body);
		assertThat(refused.status()).as(refused.body()).isEqualTo(422);
		assertThat(refused.isProblem()).isTrue();
		assertThat(refused.text("type")).endsWith("/" + type);
		assertThat(fields(refused)).as(refused.body()).contains(field);
		assertThat(formCount()).isZero();
	}

	private static List<String> fields(Api.Response problem) {
		List<String> fields = new ArrayList<>();
		problem.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
		return fields;
	}

	/** The usual form, with {@code top} inserted among its fields and {@code firstAsk} in its first ask. */
	private String form(String top, String firstAsk) {
		return formWith(ask("EMAIL", "newsletter", newsletterFr, newsletterEn, firstAsk),
				ask("SMS", "promotions", promotionsFr, promotionsEn, "")).replace("\"name\": \"Lettre", top + "\"name\": \"Lettre");
	}

	private static String formWith(String... asks) {
		return """
				{"name": "Lettre et offres",
				 "asks": [%s],
				 "fields": [{"name": "email", "required": true}, {"name": "phone"}, {"name": "firstName"}],
				 "brand": {"name": "Exemple", "logoUrl": "https://cdn.example.fr/logo.png", "primaryColour": "#0A5C36"},
				 "privacyPolicyUrl": "https://example.fr/confidentialite",
				 "controller": "Exemple SAS",
				 "termsCheckbox": "J'accepte les conditions générales de vente."}
				""".formatted(String.join(", ", asks));
	}

	private static String ask(String channel, String purpose, String fr, String en, String extra) {
		return "{" + extra + "\"channel\": \"" + channel + "\", \"purpose\": \"" + purpose
				+ "\", \"noticeIds\": {\"fr\": \"" + fr + "\", \"en\": \"" + en + "\"}}";
	}

	private void purpose(String key) {
		Api.Response created = api.post("/api/v1/purposes",
				"{\"key\": \"" + key + "\", \"name\": \"" + key + "\", \"kind\": \"MARKETING\"}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
	}

	private String notice(String purpose, String language, String text) {
		Api.Response created = api.post("/api/v1/notices", "{\"purpose\": \"" + purpose + "\", \"language\": \""
				+ language + "\", \"text\": \"" + text.replace("\"", "\\\"") + "\"}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.text("id");
	}

	private long eventCount() {
		return count("consent_event");
	}

	private long contactCount() {
		return count("contact");
	}

	private long formCount() {
		return count("hosted_form");
	}

	private long count(String table) {
		return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = ?").param(tenant.value())
			.query(Long.class).single();
	}
}
