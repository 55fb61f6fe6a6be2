package org.optinel.pages;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.optinel.tenancy.IssuedTenant;
import org.optinel.testing.Api;
import org.optinel.testing.TestClock;
import org.optinel.testing.TestTenants;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Double opt-in on hosted forms over real HTTP: a submission's grants on a double opt-in channel
 * stay pending, their confirmation is queued in the outbox with them, and only the button of the
 * link's page (email) or the right code (SMS) turns them into consent, with both steps' evidence.
 * Runs on SQLite and PostgreSQL through its subclasses.
 */
@Import(TestClock.Configuration.class)
abstract class DoubleOptInPagesIntegrationTests {

	static final String FIRST_BROWSER = "Mozilla/5.0 (X11; Linux x86_64) First step";

	static final String SECOND_BROWSER = "Mozilla/5.0 (Android 15; Mobile) Second step";

	static final String NEWSLETTER_FR = "Je souhaite recevoir la lettre d'information par e-mail.";

	static final String NEWSLETTER_EN = "I want to receive the newsletter by email.";

	static final String PROMOTIONS_FR = "Je souhaite recevoir les offres par SMS.";

	static final Pattern LINK = Pattern.compile("https?://[^/\\s]+(/d/[A-Za-z0-9._~-]+)");

	static final Pattern CODE_FORM = Pattern.compile("action=\"(/d/sms/[A-Za-z0-9._~-]+)\"");

	static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestClock clock;

	Api api;

	Api anonymous;

	String tenant;

	@BeforeEach
	void aTenantWhosePurposesNeedConfirmation() {
		clock.reset();
		clock.moveToATuesdayMorning();
		IssuedTenant issued = tenants.create();
		tenant = issued.tenant().id().value();
		api = new Api(port, issued.apiKey());
		anonymous = new Api(port, null);
	}

	@AfterEach
	void realTimeAgain() {
		clock.reset();
	}

	// Definitions

	@Test
	@DisplayName("A form asking on a double opt-in channel is refused while the sender profile cannot send the "
			+ "confirmation, naming the ask")
	void aFormWhoseConfirmationCannotBeSentIsRefusedNamingTheAsk() {
		purposes(true);

		Api.Response refused = api.post("/api/v1/forms", form());

		assertThat(refused.status()).as(refused.body()).isEqualTo(422);
		assertThat(refused.isProblem()).isTrue();
		assertThat(fields(refused)).containsExactly("asks[0].channel", "asks[1].channel");
		assertThat(refused.body()).contains("emailFromAddress", "smsSenderId");
		assertThat(count("hosted_form")).isZero();

		sender();
		assertThat(api.post("/api/v1/forms", form()).status()).isEqualTo(201);
	}

	@Test
	@DisplayName("A submission made after the sender profile lost its email sender is refused on a clear page and "
			+ "writes nothing")
	void aSubmissionWhoseConfirmationCannotBeSentWritesNothing() {
		String url = aDoubleOptInForm();
		Api.Response put = api.send(api.builder("/api/v1/messaging/sender").header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"brand\":\"Exemple\",\"smsSenderId\":\"EXEMPLE\"}")));
		assertThat(put.status()).as(put.body()).isEqualTo(200);

		Api.Response page = submit(url, "lang", "fr", "version", "1", "email", "jeanne.martin@example.fr", "ask0", "yes");

		assertThat(page.status()).isEqualTo(503);
		assertThat(page.body()).contains("Nous ne pouvons pas envoyer la confirmation pour le moment");
		assertThat(count("consent_event")).isZero();
		assertThat(count("contact")).isZero();
		assertThat(count("outbox_message")).isZero();
	}

	// Email

	@Test
	@DisplayName("GDPR-01, GDPR-02: an email grant stays pending until the link's button is pressed; opening the "
			+ "link confirms nothing; the confirming event holds both steps' evidence")
	void anEmailGrantIsPendingUntilTheButtonOfTheLinksPageIsPressed() {
		String url = aDoubleOptInForm();

		Api.Response thanks = submit(url, "lang", "fr", "version", "1", "email", "jeanne.martin@example.fr", "ask0", "yes");

		assertThat(thanks.status()).isEqualTo(200);
		assertThat(thanks.body()).contains("nous venons de vous envoyer un e-mail");
		String contact = onlyContact();
		assertThat(decision(contact, "EMAIL", "newsletter")).isNotEqualTo("ALLOW");
		Message message = onlyConfirmation("EMAIL");
		assertThat(message.recipient()).isEqualTo("jeanne.martin@example.fr");
		assertThat(message.sender()).isEqualTo("bonjour@exemple.fr");
		assertThat(message.subject()).isEqualTo("Confirmez votre inscription – Exemple");
		assertThat(message.marketing()).isFalse();
		assertThat(message.text()).contains("Exemple SAS", NEWSLETTER_FR);
		assertThat(message.html()).contains("<a href=\"");
		assertThat(message.sendBefore())
			.isEqualTo(jdbc.sql("SELECT expires_at FROM consent_confirmation WHERE tenant_id = ?").param(tenant)
				.query(Long.class).single());
		String link = link(message.text());

		Api.Response page = anonymous.get(link);

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("Exemple SAS", html("Lettre d'information"), html(NEWSLETTER_FR),
				"<button type=\"submit\">")
			.contains("<form method=\"post\" action=\"" + link + "\">");
		assertThat(anonymous.get(link + "?lang=en").body()).contains(NEWSLETTER_EN, "Confirm your subscription");
		assertThat(count("consent_event")).as("opening the link confirms nothing").isEqualTo(1);
		assertThat(decision(contact, "EMAIL", "newsletter")).isNotEqualTo("ALLOW");

		Api.Response confirmed = post(link, "lang", "fr");

		assertThat(confirmed.status()).isEqualTo(200);
		assertThat(confirmed.body()).contains("Inscription confirmée", html("Lettre d'information"),
				"cliquez sur le lien de désabonnement");
		assertAllowedSoon(contact, "EMAIL", "newsletter");
		assertThat(count("consent_event")).isEqualTo(2);
		String proof = jdbc.sql("SELECT d.document FROM consent_evidence d JOIN consent_event e "
				+ "ON e.tenant_id = d.tenant_id AND e.event_id = d.event_id WHERE e.tenant_id = ? AND e.confirms_event_id IS NOT NULL")
			.param(tenant)
			.query(String.class)
			.single();
		assertThat(proof).contains(FIRST_BROWSER, SECOND_BROWSER, "EMAIL_TOKEN", "WEB_FORM");

		Api.Response again = post(link, "lang", "fr");
		assertThat(again.body()).as("a second press changes nothing").contains("Inscription confirmée");
		assertThat(count("consent_event")).isEqualTo(2);
	}

	@Test
	@DisplayName("The confirmation leaves though the person has no basis yet, and never to an address that objected "
			+ "(GDPR-07), without telling the visitor")
	void theConfirmationLeavesWithoutABasisButNeverToASuppressedAddress() {
		String url = aDoubleOptInForm();
		Api.Response suppressed = api.post("/api/v1/suppressions",
				"{\"email\":\"objected@example.fr\",\"channel\":\"EMAIL\",\"reason\":\"EMAIL_UNSUBSCRIBE\"}");
		assertThat(suppressed.status()).as(suppressed.body()).isEqualTo(201);

		Api.Response welcome = submit(url, "lang", "fr", "version", "1", "email", "jeanne.martin@example.fr", "ask0", "yes");
		Api.Response objected = submit(url, "lang", "fr", "version", "1", "email", "objected@example.fr", "ask0", "yes");

		assertThat(objected.body()).as("the page does not reveal the suppression list").isEqualTo(welcome.body());
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(stateOfConfirmationTo("jeanne.martin@example.fr")).isEqualTo("SENT");
			assertThat(stateOfConfirmationTo("objected@example.fr")).isEqualTo("BLOCKED");
		});
		assertThat(jdbc.sql("SELECT reason FROM outbox_message WHERE tenant_id = ? AND recipient = ?")
			.params(tenant, "objected@example.fr").query(String.class).single()).contains("SUPPRESSED");
	}

	@Test
	@DisplayName("GDPR-01: a forged, altered or foreign-tenant link is a plain page and changes nothing, not even "
			+ "the attempts")
	void aForgedLinkChangesNothing() {
		String url = aDoubleOptInForm();
		submit(url, "lang", "fr", "version", "1", "email", "jeanne.martin@example.fr", "ask0", "yes");
		String link = link(onlyConfirmation("EMAIL").text());
		String token = link.substring("/d/".length());
		String[] parts = token.split("\\.");
		IssuedTenant other = tenants.create();
		List<String> forgeries = new ArrayList<>();
		forgeries.add(token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA"));
		forgeries.add(token.replace(parts[1], other.tenant().id().value()));
		forgeries.add(token.replace(parts[5].substring(parts[5].lastIndexOf('~') + 1), "x".repeat(43)));
		forgeries.add("d." + tenant + ".nothing");
		forgeries.add(token.replaceFirst("^d\\.", "s."));

		for (String forged : forgeries) {
			Api.Response page = post("/d/" + forged, "lang", "fr");
			assertThat(page.status()).as(forged).isEqualTo(404);
			assertThat(page.body()).contains("Ce lien n'est pas valide").doesNotContain("Exemple SAS");
			assertThat(anonymous.get("/d/" + forged).status()).isEqualTo(404);
		}

		assertThat(count("consent_event")).isEqualTo(1);
		assertThat(jdbc.sql("SELECT attempts FROM consent_confirmation WHERE tenant_id = ?").param(tenant)
			.query(Integer.class).single()).isZero();
		assertThat(decision(onlyContact(), "EMAIL", "newsletter")).isNotEqualTo("ALLOW");
	}

	@Test
	@DisplayName("GDPR-01: a link pressed after its expiry is refused on a clear page and grants nothing")
	void anExpiredLinkIsRefused() {
		String url = aDoubleOptInForm();
		submit(url, "lang", "en", "version", "1", "email", "jeanne.martin@example.fr", "ask0", "yes");
		Message message = onlyConfirmation("EMAIL");
		assertThat(message.subject()).isEqualTo("Please confirm your subscription – Exemple");
		String link = link(message.text());
		clock.advance(Duration.ofHours(48).plusMinutes(1));

		Api.Response page = post(link, "lang", "en");

		assertThat(page.status()).isEqualTo(410);
		assertThat(page.body()).contains("This confirmation has expired");
		assertThat(count("consent_event")).isEqualTo(1);
		assertThat(decision(onlyContact(), "EMAIL", "newsletter")).isNotEqualTo("ALLOW");
	}

	@Test
	@DisplayName("GDPR-04: two email asks ticked at once get one email whose one link confirms each of them")
	void twoEmailGrantsAreConfirmedByOneLink() {
		purposes(true);
		sender();
		String notice = notice("promotions", "fr", "Je souhaite recevoir les offres par e-mail.");
		String noticeEn = notice("promotions", "en", "I want offers by email.");
		api.patch("/api/v1/purposes/promotions", "{\"doubleOptIn\":[\"EMAIL\"]}");
		String url = created(api.post("/api/v1/forms", formWith(ask("EMAIL", "newsletter", newsletterFr, newsletterEn),
				ask("EMAIL", "promotions", notice, noticeEn)))).path("url").asString();

		submit(url, "lang", "fr", "version", "1", "email", "jeanne.martin@example.fr", "ask0", "yes", "ask1", "yes");
		String link = link(onlyConfirmation("EMAIL").text());
		assertThat(anonymous.get(link).body()).contains(html("Lettre d'information"), "Offres");
		Api.Response confirmed = post(link, "lang", "fr");

		assertThat(confirmed.status()).isEqualTo(200);
		String contact = onlyContact();
		assertAllowedSoon(contact, "EMAIL", "newsletter");
		assertAllowedSoon(contact, "EMAIL", "promotions");
		assertThat(count("consent_event")).isEqualTo(4);
	}

	// SMS

	@Test
	@DisplayName("GDPR-01, GDPR-02: an SMS grant waits for its code on the thank-you page; a wrong code is counted and "
			+ "grants nothing, the right one confirms")
	void anSmsGrantIsConfirmedByTheCodeOnTheThankYouPage() {
		String url = aDoubleOptInForm();

		Api.Response thanks = submit(url, "lang", "fr", "version", "1", "email", "", "phone", "06 12 34 56 78", "ask1",
				"yes");

		assertThat(thanks.status()).isEqualTo(200);
		assertThat(thanks.body()).contains("nous venons de vous envoyer un code par SMS", "<label for=\"code0\">",
				"Code reçu par SMS");
		Message sms = onlyConfirmation("SMS");
		assertThat(sms.recipient()).isEqualTo("+33612345678");
		assertThat(sms.sender()).isEqualTo("EXEMPLE");
		String code = code(sms.text());
		String action = codeForm(thanks.body());
		String contact = onlyContact();
		assertThat(decision(contact, "SMS", "promotions")).isNotEqualTo("ALLOW");
		String wrong = code.equals("000000") ? "111111" : "000000";

		Api.Response refused = post(action, "lang", "fr", "code", wrong);

		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.body()).contains("Ce code ne correspond pas. Essais restants : 4", "<label for=\"code0\">")
			.contains("action=\"" + action + "\"");
		assertThat(jdbc.sql("SELECT attempts FROM consent_confirmation WHERE tenant_id = ?").param(tenant)
			.query(Integer.class).single()).isEqualTo(1);
		assertThat(count("consent_event")).isEqualTo(1);
		assertThat(decision(contact, "SMS", "promotions")).isNotEqualTo("ALLOW");

		Api.Response confirmed = post(action, "lang", "fr", "code", code);

		assertThat(confirmed.status()).isEqualTo(200);
		assertThat(confirmed.body()).contains("Inscription confirmée", "répondez STOP à nos SMS");
		assertAllowedSoon(contact, "SMS", "promotions");
		String proof = jdbc.sql("SELECT d.document FROM consent_evidence d JOIN consent_event e "
				+ "ON e.tenant_id = d.tenant_id AND e.event_id = d.event_id WHERE e.tenant_id = ? AND e.confirms_event_id IS NOT NULL")
			.param(tenant)
			.query(String.class)
			.single();
		assertThat(proof).contains(FIRST_BROWSER, SECOND_BROWSER, "SMS_CODE");
	}

	@Test
	@DisplayName("GDPR-01: a forged SMS reference is a plain page and counts no attempt")
	void aForgedSmsReferenceChangesNothing() {
		String url = aDoubleOptInForm();
		String action = codeForm(submit(url, "lang", "fr", "version", "1", "phone", "06 12 34 56 78", "ask1", "yes")
			.body());
		String code = code(onlyConfirmation("SMS").text());

		Api.Response page = post(action.substring(0, action.length() - 3) + "abc", "lang", "fr", "code", code);

		assertThat(page.status()).isEqualTo(404);
		assertThat(page.body()).contains("Ce lien n'est pas valide");
		assertThat(count("consent_event")).isEqualTo(1);
		assertThat(jdbc.sql("SELECT attempts FROM consent_confirmation WHERE tenant_id = ?").param(tenant)
			.query(Integer.class).single()).isZero();
	}

	@Test
	@DisplayName("A form without double opt-in sends no confirmation and thanks as before")
	void withoutDoubleOptInNothingIsSent() {
		purposes(false);
		newsletterNotices();
		promotionsNotices();
		String url = created(api.post("/api/v1/forms", form())).path("url").asString();

		Api.Response thanks = submit(url, "lang", "fr", "version", "1", "email", "jeanne.martin@example.fr", "ask0", "yes");

		assertThat(thanks.body()).contains("Merci, votre réponse a été enregistrée.").doesNotContain("Dernière étape");
		assertThat(count("outbox_message")).isZero();
		assertAllowedSoon(onlyContact(), "EMAIL", "newsletter");
	}

	// Helpers

	String newsletterFr;

	String newsletterEn;

	String promotionsFr;

	String promotionsEn;

	/** Newsletter by email and promotions by SMS, both with double opt-in, and a sender on both channels. */
	private String aDoubleOptInForm() {
		purposes(true);
		sender();
		return created(api.post("/api/v1/forms", form())).path("url").asString();
	}

	private void purposes(boolean doubleOptIn) {
		created(api.post("/api/v1/purposes",
				"{\"key\": \"newsletter\", \"name\": \"Lettre d'information\", \"kind\": \"MARKETING\"}"));
		created(api.post("/api/v1/purposes", "{\"key\": \"promotions\", \"name\": \"Offres\", \"kind\": \"MARKETING\"}"));
		if (doubleOptIn) {
			assertThat(api.patch("/api/v1/purposes/newsletter", "{\"doubleOptIn\":[\"EMAIL\"]}").status()).isEqualTo(200);
			assertThat(api.patch("/api/v1/purposes/promotions", "{\"doubleOptIn\":[\"SMS\"]}").status()).isEqualTo(200);
			newsletterNotices();
			promotionsNotices();
		}
	}

	private void newsletterNotices() {
		newsletterFr = notice("newsletter", "fr", NEWSLETTER_FR);
		newsletterEn = notice("newsletter", "en", NEWSLETTER_EN);
	}

	private void promotionsNotices() {
		promotionsFr = notice("promotions", "fr", PROMOTIONS_FR);
		promotionsEn = notice("promotions", "en", "I want to receive offers by text message.");
	}

	private void sender() {
		Api.Response put = api.send(api.builder("/api/v1/messaging/sender").header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"brand\":\"Exemple\",\"smsSenderId\":\"EXEMPLE\","
					+ "\"emailFromAddress\":\"bonjour@exemple.fr\",\"emailFromName\":\"Exemple\"}")));
		assertThat(put.status()).as(put.body()).isEqualTo(200);
	}

	private String form() {
		return formWith(ask("EMAIL", "newsletter", newsletterFr, newsletterEn),
				ask("SMS", "promotions", promotionsFr, promotionsEn));
	}

	private static String formWith(String... asks) {
		return """
				{"name": "Lettre et offres",
				 "asks": [%s],
				 "fields": [{"name": "email"}, {"name": "phone"}, {"name": "firstName"}],
				 "brand": {"name": "Exemple", "primaryColour": "#0A5C36"},
				 "privacyPolicyUrl": "https://exemple.fr/confidentialite",
				 "controller": "Exemple SAS"}
				""".formatted(String.join(", ", asks));
	}

	private static String ask(String channel, String purpose, String fr, String en) {
		return "{\"channel\": \"" + channel + "\", \"purpose\": \"" + purpose + "\", \"noticeIds\": {\"fr\": \"" + fr
				+ "\", \"en\": \"" + en + "\"}}";
	}

	private String notice(String purpose, String language, String text) {
		return created(api.post("/api/v1/notices",
				"{\"purpose\": \"" + purpose + "\", \"language\": \"" + language + "\", \"text\": \"" + text + "\"}"))
			.path("id")
			.asString();
	}

	private Api.Response submit(String url, String... namesAndValues) {
		return send(url, FIRST_BROWSER, namesAndValues);
	}

	private Api.Response post(String path, String... namesAndValues) {
		return send(path, SECOND_BROWSER, namesAndValues);
	}

	private Api.Response send(String path, String userAgent, String... namesAndValues) {
		StringBuilder body = new StringBuilder();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			body.append(i == 0 ? "" : "&").append(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8))
				.append('=').append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
		}
		return anonymous.send(anonymous.builder(path)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("User-Agent", userAgent)
			.POST(HttpRequest.BodyPublishers.ofString(body.toString())));
	}

	/** A queued message as stored. */
	record Message(String recipient, String sender, String subject, String text, String html, boolean marketing,
			long sendBefore) {
	}

	/** The only confirmation queued on the channel. */
	private Message onlyConfirmation(String channel) {
		return jdbc.sql("SELECT recipient, sender, subject, body_text, body_html, marketing, send_before FROM outbox_message "
				+ "WHERE tenant_id = ? AND channel = ? AND origin = ?")
			.params(tenant, channel, "CONFIRMATION")
			.query((rs, n) -> new Message(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getBoolean(6), rs.getLong(7)))
			.single();
	}

	private String stateOfConfirmationTo(String recipient) {
		return jdbc.sql("SELECT state FROM outbox_message WHERE tenant_id = ? AND recipient = ? AND origin = ?")
			.params(tenant, recipient, "CONFIRMATION")
			.query(String.class)
			.single();
	}

	private String onlyContact() {
		return jdbc.sql("SELECT contact_id FROM contact WHERE tenant_id = ?").param(tenant).query(String.class).single();
	}

	private String decision(String contact, String channel, String purpose) {
		JsonNode answer = api.get("/api/v1/eligibility?contactId=" + contact + "&channel=" + channel + "&purpose="
				+ purpose).json();
		String decision = answer.path("decision").asString();
		// Anything but ALLOW says why, so that a failed expectation of ALLOW explains itself.
		return "ALLOW".equals(decision) ? decision : decision + " " + answer.path("reason").asString() + " ("
				+ answer.path("rule").asString() + ")";
	}

	/** The eligibility index takes a grant in the background, a moment after its commit (a denial at once). */
	private void assertAllowedSoon(String contact, String channel, String purpose) {
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(decision(contact, channel, purpose))
			.isEqualTo("ALLOW"));
	}

	private static String link(String text) {
		Matcher m = LINK.matcher(text);
		assertThat(m.find()).as(text).isTrue();
		return URI.create(m.group(1)).getPath();
	}

	private static String codeForm(String page) {
		Matcher m = CODE_FORM.matcher(page);
		assertThat(m.find()).as(page).isTrue();
		return m.group(1);
	}

	private static String code(String sms) {
		Matcher m = CODE.matcher(sms);
		assertThat(m.find()).as(sms).isTrue();
		return m.group(1);
	}

	private static String html(String text) {
		return HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
	}

	private static List<String> fields(Api.Response problem) {
		List<String> fields = new ArrayList<>();
		problem.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
		return fields;
	}

	private long count(String table) {
		return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = ?").param(tenant).query(Long.class).single();
	}

	private static JsonNode created(Api.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.json();
	}
}
