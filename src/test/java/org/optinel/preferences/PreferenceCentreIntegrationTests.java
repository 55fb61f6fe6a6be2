package org.optinel.preferences;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.optinel.consent.ConsentChain;
import org.optinel.contacts.ContactId;
import org.optinel.core.TenantId;
import org.optinel.tenancy.IssuedTenant;
import org.optinel.testing.Api;
import org.optinel.testing.TestClock;
import org.optinel.testing.TestTenants;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The preference centre over real HTTP: links issued by the API and by the PREF SMS menu, the page
 * and what its boxes show, saves that write one event per change with its evidence, stopping
 * everything, re-opting in on one channel, and links that are forged, expired or another tenant's,
 * which change nothing. Runs on SQLite and PostgreSQL through its subclasses.
 */
@Import(TestClock.Configuration.class)
abstract class PreferenceCentreIntegrationTests {

	static final String PHONE = "+33612345678";

	static final String EMAIL = "jeanne.martin@example.fr";

	static final String NEWSLETTER_FR = "Je souhaite recevoir la lettre d'information.";

	static final String NEWSLETTER_EN = "I want to receive the newsletter.";

	static final String OFFERS_FR = "Je souhaite recevoir les offres.";

	static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Test";

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	TestClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PreferenceLinks links;

	Api api;

	Api anonymous;

	TenantId tenant;

	String tenantName;

	String newsletterFr;

	String offersFr;

	String contactId;

	@BeforeEach
	void aContactWithAnEmailGrantAndNoAnswerElsewhere() {
		clock.moveToATuesdayMorning();
		IssuedTenant issued = tenants.create();
		tenant = issued.tenant().id();
		tenantName = issued.tenant().name();
		api = new Api(port, issued.apiKey());
		anonymous = new Api(port, null);
		created(api.post("/api/v1/purposes", "{\"key\": \"newsletter\", \"name\": \"Lettre d'information\", \"kind\": \"MARKETING\"}"));
		created(api.post("/api/v1/purposes", "{\"key\": \"offers\", \"name\": \"Offres\", \"kind\": \"MARKETING\"}"));
		created(api.post("/api/v1/purposes", "{\"key\": \"service\", \"name\": \"Service\", \"kind\": \"TRANSACTIONAL\"}"));
		newsletterFr = notice("newsletter", "fr", NEWSLETTER_FR);
		notice("newsletter", "en", NEWSLETTER_EN);
		offersFr = notice("offers", "fr", OFFERS_FR);
		contactId = created(api.post("/api/v1/contacts", "{\"phone\": \"" + PHONE + "\", \"email\": \"" + EMAIL + "\"}"))
			.path("id").asString();
		created(api.post("/api/v1/consents", "{\"contactId\": \"" + contactId + "\", \"channel\": \"EMAIL\", "
				+ "\"purpose\": \"newsletter\", \"action\": \"GRANT\", \"source\": \"WEB_FORM\", \"noticeId\": \""
				+ newsletterFr + "\", \"evidence\": {\"formId\": \"signup\", \"ip\": \"203.0.113.9\", \"userAgent\": "
				+ "\"Firefox\", \"checkbox\": {\"prechecked\": false, \"separateFromTerms\": true}}}"));
	}

	// Links

	@Test
	void theApiIssuesAnAbsoluteLinkThatExpiresAfterTheConfiguredValidity() {
		Instant before = clock.instant().minusSeconds(1);

		Api.Response issued = api.post("/api/v1/contacts/" + contactId + "/preference-link", "");

		assertThat(issued.status()).as(issued.body()).isEqualTo(201);
		URI url = URI.create(issued.text("url"));
		assertThat(url.isAbsolute()).isTrue();
		assertThat(url.getPath()).matches("/p/[A-Za-z0-9_-]{55}\\.[A-Za-z0-9_-]{22}");
		Instant expiresAt = Instant.parse(issued.text("expiresAt"));
		assertThat(expiresAt).isBetween(before.plus(Duration.ofDays(30)), clock.instant().plus(Duration.ofDays(30)));
		assertThat(anonymous.get(url.getPath()).status()).isEqualTo(200);
	}

	@Test
	void theOpenApiDocumentDescribesTheLinkEndpointAndThePages() {
		Api.Response document = anonymous.get("/v3/api-docs");

		assertThat(document.status()).isEqualTo(200);
		JsonNode paths = document.json().path("paths");
		assertThat(paths.path("/api/v1/contacts/{id}/preference-link").path("post").path("summary").asString())
			.contains("preference centre");
		assertThat(paths.path("/p/{token}").has("get")).isTrue();
		assertThat(paths.path("/p/{token}").has("post")).isTrue();
	}

	@Test
	void aLinkIsIssuedOnlyForAContactOfTheTenant() {
		IssuedTenant other = tenants.create();
		Api otherApi = new Api(port, other.apiKey());

		Api.Response foreign = otherApi.post("/api/v1/contacts/" + contactId + "/preference-link", "");
		Api.Response malformed = api.post("/api/v1/contacts/nonsense/preference-link", "");
		Api.Response unauthenticated = anonymous.post("/api/v1/contacts/" + contactId + "/preference-link", "");

		assertThat(foreign.status()).isEqualTo(404);
		assertThat(foreign.isProblem()).isTrue();
		assertThat(malformed.status()).isEqualTo(404);
		assertThat(unauthenticated.status()).isEqualTo(401);
	}

	// The page

	@Test
	@DisplayName("GDPR-04, GDPR-01: the page shows one box per channel and marketing purpose, ticked only where consent is granted")
	void thePageShowsOneBoxPerChannelAndPurposeTickedOnlyWhereGranted() {
		Api.Response page = anonymous.get(link());

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("<html lang=\"fr\">", NEWSLETTER_FR.replace("'", "&#39;"), "Lettre d&#39;information", "Offres",
				"name=\"EMAIL.newsletter\" value=\"yes\" checked>", "name=\"SMS.newsletter\" value=\"yes\">",
				"name=\"EMAIL.offers\" value=\"yes\">", "name=\"SMS.offers\" value=\"yes\">", "value=\"stop\"",
				"?lang=en", "<label for=\"choice0\">");
		assertThat(page.body().split(" checked", -1)).hasSize(2);
		assertThat(page.body()).doesNotContain("Service", NEWSLETTER_EN);
	}

	@Test
	void thePageIsInEnglishWhenAskedAndSaysWhenANoticeExistsOnlyInFrench() {
		String url = link();

		Api.Response asked = anonymous.get(url + "?lang=en");
		Api.Response preferred = anonymous.send(anonymous.builder(url).header("Accept-Language", "en-GB, fr;q=0.5").GET());

		for (Api.Response page : List.of(asked, preferred)) {
			assertThat(page.body()).contains("<html lang=\"en\">", NEWSLETTER_EN, "By text message", "?lang=fr",
					"This text is not available in English; here is its French version.",
					"<p class=\"notice\" lang=\"fr\">" + OFFERS_FR.replace("'", "&#39;"))
				.doesNotContain(NEWSLETTER_FR);
		}
	}

	@Test
	void aContactWithoutAPhoneIsOfferedNoTextMessages() {
		String emailOnly = created(api.post("/api/v1/contacts", "{\"email\": \"paul@example.fr\"}")).path("id").asString();

		Api.Response page = anonymous.get(link(emailOnly));

		assertThat(page.body()).contains("name=\"EMAIL.newsletter\"").doesNotContain("name=\"SMS.");
	}

	@Test
	void thePageIsSentWithAStrictContentSecurityPolicyAndNotStored() throws Exception {
		var response = java.net.http.HttpClient.newHttpClient()
			.send(anonymous.builder(link()).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());

		String csp = response.headers().firstValue("Content-Security-Policy").orElseThrow();
		assertThat(csp).contains("default-src 'none'", "style-src 'sha256-", "form-action 'self'",
				"frame-ancestors 'none'").doesNotContain("unsafe-inline", "script-src");
		assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
		assertThat(response.headers().firstValue("Referrer-Policy")).contains("no-referrer");
		assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(response.body()).doesNotContain("<script");
	}

	// Links that open nothing

	@Test
	@DisplayName("GDPR-05: a forged or altered link shows a plain page and changes nothing")
	void aForgedLinkChangesNothing() {
		String url = link();
		String token = url.substring(url.lastIndexOf('/') + 1);
		String payload = token.substring(0, token.indexOf('.'));
		String tag = token.substring(token.indexOf('.') + 1);
		String otherTag = (tag.charAt(0) == 'A' ? "B" : "A") + tag.substring(1);
		long before = count("consent_event");

		for (String forged : List.of(payload + "." + otherTag, "nonsense", payload, payload + ".." + tag)) {
			Api.Response page = anonymous.get("/p/" + forged);
			Api.Response stop = post("/p/" + forged, "lang=fr&action=stop");
			assertThat(page.status()).as(forged).isEqualTo(404);
			assertThat(page.body()).contains("Ce lien vers vos préférences n'est pas valide.");
			assertThat(stop.status()).isEqualTo(404);
		}
		assertThat(count("consent_event")).isEqualTo(before);
		assertThat(count("suppression")).isZero();
	}

	@Test
	@DisplayName("GDPR-05: an expired link shows a plain page in French or English and changes nothing")
	void anExpiredLinkChangesNothing() {
		String url = link();
		long before = count("consent_event");
		clock.advance(Duration.ofDays(30).plusSeconds(1));

		Api.Response page = anonymous.get(url);
		Api.Response english = anonymous.get(url + "?lang=en");
		Api.Response save = post(url, "lang=fr&action=save&SMS.newsletter=yes");
		Api.Response stop = post(url, "lang=en&action=stop");

		assertThat(page.status()).isEqualTo(410);
		assertThat(page.body()).contains("a expiré", "Rien n'a été modifié");
		assertThat(english.body()).contains("has expired", "Nothing was changed");
		assertThat(save.status()).isEqualTo(410);
		assertThat(stop.status()).isEqualTo(410);
		assertThat(count("consent_event")).isEqualTo(before);
		assertThat(count("suppression")).isZero();
	}

	@Test
	@DisplayName("GDPR-05: a link moved to another tenant's contact, or signed by another tenant, opens nothing")
	void aLinkOfAnotherTenantOpensNothing() {
		IssuedTenant other = tenants.create();
		Api otherApi = new Api(port, other.apiKey());
		String otherContact = created(otherApi.post("/api/v1/contacts", "{\"email\": \"luc@example.fr\"}")).path("id").asString();
		Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
		// Signed by this tenant, naming a contact of the other one
		String foreignContact = links.token(new PreferenceLink(tenant, new ContactId(otherContact), now,
				now.plus(Duration.ofDays(1))));
		// Signed by this tenant, with the other tenant's id put in its place
		String mine = links.token(new PreferenceLink(tenant, new ContactId(contactId), now, now.plus(Duration.ofDays(1))));
		byte[] payload = Base64.getUrlDecoder().decode(mine.substring(0, mine.indexOf('.')));
		java.util.UUID otherTenant = java.util.UUID.fromString(other.tenant().id().value());
		java.nio.ByteBuffer.wrap(payload, 1, 16).putLong(otherTenant.getMostSignificantBits())
			.putLong(otherTenant.getLeastSignificantBits());
		String moved = Base64.getUrlEncoder().withoutPadding().encodeToString(payload) + mine.substring(mine.indexOf('.'));
		long before = count("consent_event");

		for (String token : List.of(foreignContact, moved)) {
			assertThat(anonymous.get("/p/" + token).status()).isEqualTo(404);
			assertThat(post("/p/" + token, "lang=fr&action=stop").status()).isEqualTo(404);
		}
		assertThat(count("consent_event")).isEqualTo(before);
		assertThat(count("suppression")).isZero();
		assertThat(otherApi.get("/api/v1/suppressions/check?email=luc@example.fr").json().path("suppressed").asBoolean())
			.isFalse();
	}

	// Saving

	@Test
	@DisplayName("GDPR-02, GDPR-04: a save writes one event per changed box with its evidence, and none for unchanged boxes")
	void aSaveWritesOneEventPerChangeWithItsEvidence() {
		String url = link();
		int before = proof().size();

		Api.Response saved = post(url, "lang=fr&action=save&EMAIL.newsletter=yes&SMS.newsletter=yes");

		assertThat(saved.status()).as(saved.body()).isEqualTo(200);
		assertThat(saved.body()).contains("Vos choix sont enregistrés", "Lettre d&#39;information, par SMS : accepté");
		JsonNode events = proof();
		assertThat(events).hasSize(before + 1);
		JsonNode grant = events.get(events.size() - 1);
		assertThat(grant.path("action").asString()).isEqualTo("GRANT");
		assertThat(grant.path("channel").asString()).isEqualTo("SMS");
		assertThat(grant.path("purpose").asString()).isEqualTo("newsletter");
		assertThat(grant.path("source").asString()).isEqualTo("PREFERENCE_CENTRE");
		assertThat(grant.path("status").asString()).isEqualTo("GRANTED");
		assertThat(grant.path("noticeId").asString()).isEqualTo(newsletterFr);
		assertThat(grant.path("noticeSha256").asString()).isEqualTo(ConsentChain.sha256(NEWSLETTER_FR));
		JsonNode evidence = grant.path("evidence").path("fields");
		assertThat(evidence.path("ip").asString()).isEqualTo("127.0.0.1");
		assertThat(evidence.path("userAgent").asString()).isEqualTo(BROWSER);
		assertThat(evidence.path("token").asString()).startsWith("preference link issued ");
		assertThat(evidence.path("checkbox").path("prechecked").asBoolean()).isFalse();

		Api.Response again = post(url, "lang=fr&action=save&EMAIL.newsletter=yes&SMS.newsletter=yes");
		assertThat(again.body()).contains("Vous n'avez rien changé");
		assertThat(proof()).hasSize(before + 1);

		Api.Response unticked = post(url, "lang=en&action=save&SMS.newsletter=yes");
		assertThat(unticked.body()).contains("Lettre d&#39;information, by email: withdrawn");
		JsonNode withdrawal = proof().get(before + 1);
		assertThat(proof()).hasSize(before + 2);
		assertThat(withdrawal.path("action").asString()).isEqualTo("WITHDRAW");
		assertThat(withdrawal.path("channel").asString()).isEqualTo("EMAIL");
		assertThat(withdrawal.path("evidence").path("fields").path("checkbox").path("prechecked").asBoolean()).isTrue();
		assertThat(eligibility("EMAIL", "newsletter").path("reason").asString()).isEqualTo("WITHDRAWN");
		assertAllowedSoon("SMS", "newsletter");
	}

	@Test
	@DisplayName("GDPR-01: a save naming a box the page does not show is refused and writes nothing")
	void aSaveNamingABoxThePageDoesNotShowWritesNothing() {
		String url = link();
		long before = count("consent_event");

		Api.Response unknown = post(url, "lang=fr&action=save&SMS.newsletter=yes&SMS.service=yes");
		Api.Response odd = post(url, "lang=fr&action=save&SMS.newsletter=true");
		Api.Response noAction = post(url, "lang=fr&SMS.newsletter=yes");

		for (Api.Response r : List.of(unknown, odd, noAction)) {
			assertThat(r.status()).isEqualTo(422);
			assertThat(r.body()).contains("rien n'a été enregistré");
		}
		assertThat(count("consent_event")).isEqualTo(before);
	}

	// Stopping everything, and coming back

	@Test
	@DisplayName("GDPR-07, GDPR-05: stop everything suppresses every channel of the contact and withdraws every grant: eligibility DENY")
	void stopEverythingSuppressesEveryChannelAndWithdrawsEveryGrant() {
		String url = link();

		Api.Response stopped = post(url, "lang=en&action=stop");

		assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
		assertThat(stopped.body()).contains("You will receive nothing more", "By text message: stopped",
				"By email: stopped", "Lettre d&#39;information, by email: withdrawn");
		for (String channel : List.of("SMS", "EMAIL")) {
			for (String purpose : List.of("newsletter", "offers")) {
				JsonNode decision = eligibility(channel, purpose);
				assertThat(decision.path("decision").asString()).isEqualTo("DENY");
				assertThat(decision.path("reason").asString()).isEqualTo("SUPPRESSED");
			}
		}
		JsonNode phone = api.get("/api/v1/suppressions/check?phone=" + PHONE.replace("+", "%2B")).json();
		assertThat(phone.path("suppressed").asBoolean()).isTrue();
		assertThat(phone.toString()).contains("PREFERENCE_CENTRE");
		JsonNode last = proof().get(proof().size() - 1);
		assertThat(last.path("action").asString()).isEqualTo("WITHDRAW");
		assertThat(last.path("source").asString()).isEqualTo("PREFERENCE_CENTRE");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM consent_state WHERE tenant_id = ? AND status = 'GRANTED'")
			.param(tenant.value()).query(Long.class).single()).isZero();
		// The page now shows nothing ticked and says the channels are stopped
		Api.Response page = anonymous.get(url);
		assertThat(page.body()).doesNotContain(" checked").contains("vous avez arrêté ce canal");
	}

	@Test
	@DisplayName("KW-02, GDPR-07: ticking a box on a stopped channel lifts that channel's suppression only; the API can never lift")
	void tickingABoxOnAStoppedChannelLiftsThatChannelOnly() {
		String url = link();
		post(url, "lang=fr&action=stop");
		// An API client adds the same opt-outs again: nothing is lifted, nothing changes
		Api.Response again = api.post("/api/v1/suppressions", "{\"phone\": \"" + PHONE + "\", \"channel\": \"SMS\", "
				+ "\"reason\": \"ADMIN\"}");
		assertThat(again.status()).isEqualTo(200);
		assertThat(eligibility("SMS", "newsletter").path("reason").asString()).isEqualTo("SUPPRESSED");

		Api.Response resumed = post(url, "lang=fr&action=save&SMS.newsletter=yes");

		assertThat(resumed.body()).contains("Par SMS : vous pouvez de nouveau recevoir nos messages sur ce canal",
				"Lettre d&#39;information, par SMS : accepté");
		assertAllowedSoon("SMS", "newsletter");
		assertThat(eligibility("SMS", "offers").path("reason").asString()).isEqualTo("NO_LEGAL_BASIS");
		assertThat(eligibility("EMAIL", "newsletter").path("reason").asString()).isEqualTo("SUPPRESSED");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM suppression_history WHERE tenant_id = ? AND action = 'LIFT'")
			.param(tenant.value()).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	@DisplayName("KW-02: an all-channels opt-out of the number is lifted for the ticked channel only")
	void anAllChannelsOptOutIsLiftedForTheTickedChannelOnly() {
		created(api.post("/api/v1/suppressions", "{\"phone\": \"" + PHONE + "\", \"reason\": \"OBJECTION\"}"));
		String url = link();
		assertThat(anonymous.get(url).body()).contains("name=\"SMS.newsletter\" value=\"yes\">");

		post(url, "lang=fr&action=save&EMAIL.newsletter=yes&SMS.newsletter=yes");

		assertAllowedSoon("SMS", "newsletter");
		JsonNode phone = api.get("/api/v1/suppressions/check?phone=" + PHONE.replace("+", "%2B")).json();
		assertThat(phone.toString()).contains("\"channel\":\"EMAIL\",\"suppressed\":true").contains("OBJECTION");
	}

	// The SMS menu

	@Test
	@DisplayName("SEED-03: PREF by SMS queues a reply with a working link to the sender's preferences")
	void prefBySmsQueuesAReplyWithAWorkingLink() {
		Api.Response answered = api.post("/api/v1/inbound/sms", "{\"from\": \"06 12 34 56 78\", \"to\": \"36180\", "
				+ "\"text\": \"Pref \", \"messageId\": \"SM-pref-1\"}");

		assertThat(answered.status()).as(answered.body()).isEqualTo(200);
		assertThat(answered.text("outcome")).isEqualTo("MENU_ANSWERED");
		assertThat(answered.text("contactId")).isEqualTo(contactId);
		JsonNode reply = answered.json().path("reply");
		assertThat(reply.path("kind").asString()).isEqualTo("MENU");
		assertThat(reply.path("to").asString()).isEqualTo(PHONE);
		String text = reply.path("text").asString();
		assertThat(text).startsWith(tenantName + " : ");
		Matcher url = Pattern.compile("https?://\\S+/p/[A-Za-z0-9_.-]+").matcher(text);
		assertThat(url.find()).as(text).isTrue();
		Api.Response page = anonymous.get(URI.create(url.group()).getPath());
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("name=\"EMAIL.newsletter\" value=\"yes\" checked>");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_message WHERE tenant_id = ? AND body_text LIKE ?")
			.param(tenant.value()).param("%" + url.group() + "%").query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void prefFromAnUnknownNumberSaysSoAndCreatesNothing() {
		long contacts = count("contact");

		Api.Response answered = api.post("/api/v1/inbound/sms", "{\"from\": \"+33687654321\", \"to\": \"36180\", "
				+ "\"text\": \"PREF\", \"messageId\": \"SM-pref-2\"}");

		assertThat(answered.text("outcome")).isEqualTo("UNKNOWN_SENDER");
		assertThat(answered.json().path("contactId").isNull()).isTrue();
		String text = answered.json().path("reply").path("text").asString();
		assertThat(text).contains("ce numéro n'est pas dans notre fichier").doesNotContain("http");
		assertThat(count("contact")).isEqualTo(contacts);
		assertThat(count("consent_event")).isEqualTo(1);
	}

	@Test
	@DisplayName("KW-01: STOP keeps its meaning: it is never offered to the menu")
	void stopKeepsItsMeaning() {
		Api.Response stop = api.post("/api/v1/inbound/sms", "{\"from\": \"" + PHONE + "\", \"to\": \"36180\", "
				+ "\"text\": \"STOP\", \"messageId\": \"SM-pref-3\"}");

		assertThat(stop.text("outcome")).isEqualTo("OPTED_OUT");
		assertThat(stop.json().path("reply").path("kind").asString()).isEqualTo("OPT_OUT_CONFIRMATION");
	}

	// Helpers

	private String link() {
		return link(contactId);
	}

	private String link(String contact) {
		Api.Response issued = api.post("/api/v1/contacts/" + contact + "/preference-link", "");
		assertThat(issued.status()).as(issued.body()).isEqualTo(201);
		return URI.create(issued.text("url")).getPath();
	}

	private Api.Response post(String path, String form) {
		return anonymous.send(anonymous.builder(path)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("User-Agent", BROWSER)
			.POST(HttpRequest.BodyPublishers.ofString(form)));
	}

	private JsonNode proof() {
		return api.get("/api/v1/contacts/" + contactId + "/proof").json().path("events");
	}

	private JsonNode eligibility(String channel, String purpose) {
		Api.Response r = api.get("/api/v1/eligibility?contactId=" + contactId + "&channel=" + channel + "&purpose=" + purpose);
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		return r.json();
	}

	/** A grant or a lift reaches the eligibility index after its commit, in the background: a deny never waits. */
	private void assertAllowedSoon(String channel, String purpose) {
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(eligibility(channel, purpose).toString())
			.contains("\"decision\":\"ALLOW\""));
	}

	private long count(String table) {
		return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = ?").param(tenant.value())
			.query(Long.class).single();
	}

	private String notice(String purpose, String language, String text) {
		return created(api.post("/api/v1/notices", "{\"purpose\": \"" + purpose + "\", \"language\": \"" + language
				+ "\", \"text\": \"" + text + "\"}")).path("id").asString();
	}

	private static JsonNode created(Api.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.json();
	}
}
