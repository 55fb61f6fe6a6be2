package org.optinel.campaigns;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.optinel.core.Channel;
import org.optinel.core.PhoneNumber;
import org.optinel.core.TenantId;
import org.optinel.suppression.SuppressionList;
import org.optinel.tenancy.IdentifierHashing;
import org.optinel.testing.Api;
import org.optinel.testing.TestClock;
import org.optinel.testing.TestTenants;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answers to a re-permission campaign, end to end through HTTP as callers and recipients send
 * them: an SMS reply to the survey, and the confirmation link's page (SEED-03). Every answer is a
 * consent event per asked purpose against the campaign's notice, with its evidence (GDPR-02,
 * GDPR-04). Runs on SQLite and on PostgreSQL through its two subclasses; the clock stands on a
 * Tuesday morning, inside every sending window (FR-07).
 */
@Import(TestClock.Configuration.class)
abstract class CampaignAnswersIntegrationTests {

	static final String PHONE = "+33612000501";

	static final String EMAIL = "camille.durand@example.org";

	static final String QUESTION_FR = "Voulez-vous continuer à recevoir nos offres & nouveautés ?";

	static final String QUESTION_EN = "Do you want to keep receiving our offers & news?";

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	TestClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SuppressionList suppressions;

	@Autowired
	IdentifierHashing hashing;

	final HttpClient browser = HttpClient.newHttpClient();

	Api api;

	TenantId tenant;

	String shortCode;

	int sequence;

	@BeforeEach
	void aTenantThatSendsSmsAndEmailOnATuesdayMorning() {
		clock.reset();
		clock.moveToATuesdayMorning();
		var issued = tenants.create();
		tenant = issued.tenant().id();
		api = new Api(port, issued.apiKey());
		created(api.post("/api/v1/purposes", "{\"key\":\"promotions\",\"name\":\"Promotions\",\"kind\":\"MARKETING\"}"));
		created(api.post("/api/v1/purposes", "{\"key\":\"newsletter\",\"name\":\"Newsletter\",\"kind\":\"MARKETING\"}"));
		shortCode = String.valueOf(40000 + new Random().nextInt(50000));
		Api.Response profile = api.send(api.builder("/api/v1/messaging/sender")
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"brand\":\"Acme\",\"smsSenderId\":\"ACME\","
					+ "\"smsOptOutMention\":\"STOP au " + shortCode + "\",\"optOutMode\":\"APPEND\","
					+ "\"inboundNumbers\":[\"" + shortCode + "\"],\"emailFromAddress\":\"news@acme.example\","
					+ "\"emailFromName\":\"Acme Shop\"}")));
		assertThat(profile.status()).as(profile.body()).isEqualTo(200);
	}

	@AfterEach
	void backToTheRealTime() {
		clock.reset();
	}

	// By SMS

	@Test
	@DisplayName("SEED-03, GDPR-02, GDPR-04: a yes reply grants every asked purpose on SMS against the campaign's notice in the contact's language")
	void aYesReplyGrantsEveryAskedPurposeOnSms() {
		String camille = askable("{\"phone\":\"" + PHONE + "\",\"firstName\":\"Camille\"}", "SMS");
		String john = askable("{\"phone\":\"+33612000502\",\"firstName\":\"John\",\"locale\":\"en-GB\"}", "SMS");
		String campaign = launched("SMS", 14);
		long before = count("consent_event");

		Api.Response reply = sms(PHONE, " Oui ! ");
		Api.Response english = sms("+33612000502", "yes");

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.text("outcome")).isEqualTo("SURVEY_ANSWERED");
		assertThat(reply.text("contactId")).isEqualTo(camille);
		assertThat(english.text("outcome")).isEqualTo("SURVEY_ANSWERED");
		assertThat(count("consent_event")).as("one event per purpose and person").isEqualTo(before + 4);
		JsonNode notices = api.get("/api/v1/campaigns/" + campaign).json().path("definition").path("noticeIds");
		List<Map<String, Object>> events = events(camille);
		assertThat(events).extracting(e -> e.get("purpose_key")).containsExactly("newsletter", "promotions");
		assertThat(events).allSatisfy(e -> {
			assertThat(e.get("action")).isEqualTo("GRANT");
			assertThat(e.get("channel")).isEqualTo("SMS");
			assertThat(e.get("source")).isEqualTo("SMS_REPLY");
			assertThat(e.get("notice_id")).isEqualTo(notices.path((String) e.get("purpose_key")).path("fr").asString());
			assertThat((String) e.get("document")).contains("\"messageId\":\"" + reply.text("messageId") + "\"")
				.contains("\"number\":\"" + PHONE + "\"");
		});
		assertThat(events(john)).allSatisfy(e -> assertThat(e.get("notice_id"))
			.isEqualTo(notices.path((String) e.get("purpose_key")).path("en").asString()));
		JsonNode consents = api.get("/api/v1/contacts/" + camille).json().path("consents");
		assertThat(status(consents, "SMS", "promotions")).isEqualTo("GRANTED");
		assertThat(status(consents, "SMS", "newsletter")).isEqualTo("GRANTED");
		assertThat(recipients(campaign)).containsEntry("MAY_ASK_HAS_BASIS/CONFIRMED", 2L);
		assertThat(answerOf(campaign, camille)).isEqualTo("SMS:YES:OUI");
	}

	@Test
	@DisplayName("KW-02, SEED-03: a campaign's OUI answers the campaign, not the opt-in word the tenant maps to another purpose")
	void aCampaignsYesTakesPrecedenceOverTheOptInWord() {
		String notice = created(api.post("/api/v1/notices",
				"{\"purpose\":\"newsletter\",\"language\":\"fr\",\"text\":\"Répondez OUI pour la lettre.\"}"))
			.text("id");
		Api.Response keywords = api.send(api.builder("/api/v1/inbound/sms/keywords")
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"optOut\":[\"STOP\"],\"optIn\":[\"START\",\"OUI\"],"
					+ "\"help\":[\"AIDE\"],\"optInGrants\":{\"OUI\":[{\"purpose\":\"newsletter\",\"noticeId\":\""
					+ notice + "\"}]}}")));
		assertThat(keywords.status()).as(keywords.body()).isEqualTo(200);
		String contact = askable("{\"phone\":\"" + PHONE + "\"}", "SMS");
		String campaign = launchedFor(List.of("promotions"), "SMS", 14);

		Api.Response reply = sms(PHONE, "OUI");

		assertThat(reply.text("outcome")).isEqualTo("SURVEY_ANSWERED");
		assertThat(reply.json().path("reply").isNull()).as("no opt-in confirmation is owed").isTrue();
		assertThat(events(contact)).extracting(e -> e.get("purpose_key")).containsExactly("promotions");
		assertThat(recipients(campaign)).containsEntry("MAY_ASK_HAS_BASIS/CONFIRMED", 1L);
	}

	@Test
	@DisplayName("KW-01, GDPR-05: STOP from a recipient suppresses the number and the recipient is opted out")
	void stopFromARecipientSuppressesTheNumberAndOptsTheRecipientOut() throws Exception {
		String contact = askable("{\"phone\":\"" + PHONE + "\"}", "SMS");
		String campaign = launched("SMS", 14);

		Api.Response stop = sms(PHONE, "STOP");

		assertThat(stop.text("outcome")).isEqualTo("OPTED_OUT");
		assertThat(suppressions.isSuppressed(tenant, Channel.SMS, hashing.phone(tenant, new PhoneNumber(PHONE))))
			.isTrue();
		assertThat(recipients(campaign)).containsExactly(Map.entry("MAY_ASK_HAS_BASIS/OPTED_OUT", 1L));
		assertThat(answerOf(campaign, contact)).isEqualTo("SMS:OPT_OUT:SMS_STOP");
		assertThat(events(contact)).extracting(e -> e.get("action")).containsOnly("WITHDRAW");

		// A yes afterwards is no answer to the campaign: only the opt-in word may lift the suppression (KW-02).
		Api.Response yes = sms(PHONE, "Oui");
		assertThat(yes.text("outcome")).isEqualTo("OPT_IN_NOT_CONFIGURED");
		assertThat(recipients(campaign)).containsExactly(Map.entry("MAY_ASK_HAS_BASIS/OPTED_OUT", 1L));
		assertThat(page(token(campaign, contact), null).statusCode()).isEqualTo(410);
	}

	@Test
	@DisplayName("GDPR-07, SEED-02: a suppression of the number added through the API opts out the recipient holding "
			+ "it, and only that one")
	void aSuppressionOfTheNumberOptsOutItsHolder() {
		String contact = askable("{\"phone\":\"" + PHONE + "\"}", "SMS");
		String other = askable("{\"phone\":\"+33612000502\"}", "SMS");
		String campaign = launched("SMS", 14);

		Api.Response added = api.post("/api/v1/suppressions", "{\"phone\":\"" + PHONE + "\",\"channel\":\"SMS\","
				+ "\"reason\":\"ADMIN\",\"evidence\":{\"note\":\"asked on the phone\"}}");

		assertThat(added.status()).as(added.body()).isEqualTo(201);
		assertThat(answerOf(campaign, contact)).isEqualTo("SMS:OPT_OUT:ADMIN");
		assertThat(recipients(campaign)).containsEntry("MAY_ASK_HAS_BASIS/OPTED_OUT", 1L)
			.containsEntry("MAY_ASK_HAS_BASIS/MESSAGED", 1L);
	}

	@Test
	@DisplayName("SEED-03, GDPR-02: a no reply refuses every asked purpose on SMS, with the message as evidence, and "
			+ "the recipient is declined; a later yes is a new event and wins")
	void aNoReplyRefusesEveryAskedPurposeOnSms() {
		String contact = askable("{\"phone\":\"" + PHONE + "\"}", "SMS");
		String campaign = launched("SMS", 14);
		long before = count("consent_event");

		Api.Response no = sms(PHONE, "Non.");

		assertThat(no.text("outcome")).as(no.body()).isEqualTo("SURVEY_ANSWERED");
		assertThat(count("consent_event")).isEqualTo(before + 2);
		assertThat(events(contact)).filteredOn(e -> "SMS_REPLY".equals(e.get("source"))).allSatisfy(e -> {
			assertThat(e.get("action")).isEqualTo("DENY");
			assertThat((String) e.get("document")).contains("\"messageId\":\"" + no.text("messageId") + "\"");
		});
		JsonNode consents = api.get("/api/v1/contacts/" + contact).json().path("consents");
		assertThat(status(consents, "SMS", "promotions")).isEqualTo("DENIED");
		assertThat(recipients(campaign)).containsExactly(Map.entry("MAY_ASK_HAS_BASIS/DECLINED", 1L));
		assertThat(answerOf(campaign, contact)).isEqualTo("SMS:NO:NON");
		assertThat(suppressions.isSuppressed(tenant, Channel.SMS,
				hashing.phone(tenant, new PhoneNumber(PHONE))))
			.as("a no is a refusal for these purposes, not an opt-out of every SMS").isFalse();

		sms(PHONE, "oui");

		assertThat(status(api.get("/api/v1/contacts/" + contact).json().path("consents"), "SMS", "promotions"))
			.isEqualTo("GRANTED");
		assertThat(recipients(campaign)).containsExactly(Map.entry("MAY_ASK_HAS_BASIS/CONFIRMED", 1L));
	}

	@Test
	@DisplayName("SEED-03, FR-09: other text from a recipient is an interaction and leaves it asked")
	void otherTextFromARecipientIsAnInteractionAndLeavesItAsked() {
		String contact = askable("{\"phone\":\"" + PHONE + "\"}", "SMS");
		String campaign = launched("SMS", 14);
		long before = count("consent_event");

		Api.Response hello = sms(PHONE, "bonjour, c'est qui ?");

		assertThat(hello.text("outcome")).isEqualTo("INTERACTION");
		assertThat(hello.text("contactId")).isEqualTo(contact);
		assertThat(count("consent_event")).isEqualTo(before);
		assertThat(recipients(campaign)).containsExactly(Map.entry("MAY_ASK_HAS_BASIS/MESSAGED", 1L));
	}

	@Test
	@DisplayName("SEED-03: a paused campaign still takes answers, by SMS and by the link")
	void aPausedCampaignStillTakesAnswers() throws Exception {
		String texted = askable("{\"phone\":\"" + PHONE + "\"}", "SMS");
		String clicked = askable("{\"phone\":\"+33612000503\"}", "SMS");
		String campaign = launched("SMS", 14);
		assertThat(api.post("/api/v1/campaigns/" + campaign + "/pause", "").text("state")).isEqualTo("PAUSED");

		assertThat(sms(PHONE, "oui").text("outcome")).isEqualTo("SURVEY_ANSWERED");
		assertThat(answer(token(campaign, clicked), "yes").statusCode()).isEqualTo(200);

		assertThat(recipients(campaign)).containsExactly(Map.entry("MAY_ASK_HAS_BASIS/CONFIRMED", 2L));
		assertThat(events(texted)).hasSize(2);
	}

	@Test
	@DisplayName("SEED-03: when several campaigns asked the number, the most recently launched one takes the answer")
	void theMostRecentlyLaunchedCampaignTakesTheAnswer() {
		String contact = askable("{\"phone\":\"" + PHONE + "\"}", "SMS");
		String first = launched("SMS", 14);
		clock.advance(Duration.ofMinutes(5));
		String second = launched("SMS", 14);
		JsonNode notices = api.get("/api/v1/campaigns/" + second).json().path("definition").path("noticeIds");

		sms(PHONE, "yes");

		assertThat(recipients(first)).containsExactly(Map.entry("MAY_ASK_HAS_BASIS/MESSAGED", 1L));
		assertThat(recipients(second)).containsExactly(Map.entry("MAY_ASK_HAS_BASIS/CONFIRMED", 1L));
		assertThat(events(contact)).filteredOn(e -> "GRANT".equals(e.get("action")))
			.allSatisfy(e -> assertThat(e.get("notice_id"))
				.isEqualTo(notices.path((String) e.get("purpose_key")).path("fr").asString()));
	}

	@Test
	@DisplayName("SEED-03, GDPR-04: a recipient asked by email answers by SMS from its contact's phone, on SMS")
	void aRecipientAskedByEmailMayAnswerBySmsFromItsPhone() {
		String contact = askable("{\"phone\":\"" + PHONE + "\",\"email\":\"" + EMAIL + "\"}", "EMAIL");
		String campaign = launched("EMAIL", 14);

		assertThat(sms(PHONE, "Oui").text("outcome")).isEqualTo("SURVEY_ANSWERED");

		assertThat(events(contact)).filteredOn(e -> "GRANT".equals(e.get("action")) && "SMS".equals(e.get("channel")))
			.extracting(e -> e.get("purpose_key"))
			.containsExactly("newsletter", "promotions");
		assertThat(recipients(campaign)).containsExactly(Map.entry("MAY_ASK_HAS_BASIS/CONFIRMED", 1L));
	}

	@Test
	@DisplayName("SEED-03: after the deadline a yes answers nothing, and the link is gone (410) and writes nothing")
	void afterTheDeadlineNothingIsAnswered() throws Exception {
		String contact = askable("{\"phone\":\"" + PHONE + "\"}", "SMS");
		String campaign = launchedFor(List.of("promotions", "newsletter"), "SMS", 0);
		String token = token(campaign, contact);
		clock.advance(Duration.ofHours(2));
		long before = count("consent_event");

		Api.Response late = sms(PHONE, "Oui");

		assertThat(late.text("outcome")).isEqualTo("OPT_IN_NOT_CONFIGURED");
		HttpResponse<String> page = page(token, null);
		assertThat(page.statusCode()).isEqualTo(410);
		assertThat(page.body()).contains("Cette campagne est terminée");
		assertThat(answer(token, "yes").statusCode()).isEqualTo(410);
		assertThat(count("consent_event")).isEqualTo(before);
		assertThat(recipients(campaign)).containsExactly(Map.entry("MAY_ASK_HAS_BASIS/MESSAGED", 1L));
	}

	// By the confirmation link

	@Test
	@DisplayName("SEED-03, EM-02: a GET of the link shows the question and two buttons, and changes nothing")
	void aGetShowsTheQuestionAndChangesNothing() throws Exception {
		String contact = askable("{\"email\":\"" + EMAIL + "\"}", "EMAIL");
		String campaign = launched("EMAIL", 14);
		String token = token(campaign, contact);
		long before = count("consent_event");

		HttpResponse<String> french = page(token, null);
		HttpResponse<String> english = page(token, "en-US,en;q=0.9,fr;q=0.5");

		assertThat(french.statusCode()).isEqualTo(200);
		assertThat(french.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(
				"text/html"));
		assertThat(french.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				csp -> assertThat(csp).contains("default-src 'none'").contains("form-action 'self'"));
		assertThat(french.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		assertThat(french.body()).contains("<html lang=\"fr\"")
			.contains("Voulez-vous continuer à recevoir nos offres &amp; nouveautés ?")
			.contains("<form method=\"post\"")
			.contains("name=\"choice\" value=\"yes\">Oui, je veux continuer à recevoir")
			.contains("name=\"choice\" value=\"no\">Non merci");
		assertThat(english.statusCode()).isEqualTo(200);
		assertThat(english.body()).contains("<html lang=\"en\"")
			.contains("Do you want to keep receiving our offers &amp; news?")
			.contains("Yes, I want to keep receiving");
		assertThat(count("consent_event")).isEqualTo(before);
		assertThat(recipients(campaign)).containsExactly(Map.entry("MAY_ASK_HAS_BASIS/MESSAGED", 1L));
	}

	@Test
	@DisplayName("SEED-03, GDPR-02, GDPR-04: yes by the link grants every asked purpose on email with the click's evidence; the same answer again records nothing; no later is a refusal")
	void theLinksAnswersAreConsentEventsWithTheClicksEvidence() throws Exception {
		String contact = askable("{\"email\":\"" + EMAIL + "\"}", "EMAIL");
		String campaign = launched("EMAIL", 14);
		String token = token(campaign, contact);
		String messageId = jdbc.sql("SELECT message_id FROM outbox_message WHERE tenant_id = ? AND dedupe_key = ?")
			.params(tenant.value(), "campaign:" + campaign + ":" + contact + ":1")
			.query(String.class)
			.single();
		JsonNode notices = api.get("/api/v1/campaigns/" + campaign).json().path("definition").path("noticeIds");
		long before = count("consent_event");

		HttpResponse<String> yes = answer(token, "yes");

		assertThat(yes.statusCode()).isEqualTo(200);
		assertThat(yes.body()).contains("Merci, c'est noté");
		assertThat(count("consent_event")).isEqualTo(before + 2);
		List<Map<String, Object>> grants = events(contact).stream()
			.filter(e -> "EMAIL_CLICK".equals(e.get("source")))
			.toList();
		assertThat(grants).extracting(e -> e.get("purpose_key")).containsExactly("newsletter", "promotions");
		assertThat(grants).allSatisfy(e -> {
			assertThat(e.get("action")).isEqualTo("GRANT");
			assertThat(e.get("channel")).isEqualTo("EMAIL");
			assertThat(e.get("notice_id")).isEqualTo(notices.path((String) e.get("purpose_key")).path("fr").asString());
			assertThat((String) e.get("document")).contains("\"token\":\"" + token + "\"")
				.contains("\"messageId\":\"" + messageId + "\"")
				.contains("\"ip\":\"127.0.0.1\"")
				.contains("\"userAgent\":\"TestBrowser/1.0\"");
		});
		JsonNode consents = api.get("/api/v1/contacts/" + contact).json().path("consents");
		assertThat(status(consents, "EMAIL", "promotions")).isEqualTo("GRANTED");
		assertThat(recipients(campaign)).containsExactly(Map.entry("MAY_ASK_HAS_BASIS/CONFIRMED", 1L));

		HttpResponse<String> again = answer(token, "yes");
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(again.body()).isEqualTo(yes.body());
		assertThat(count("consent_event")).as("the same answer twice is one answer").isEqualTo(before + 2);

		HttpResponse<String> no = answer(token, "no");
		assertThat(no.statusCode()).isEqualTo(200);
		assertThat(no.body()).contains("nous ne vous enverrons plus ces messages");
		assertThat(count("consent_event")).isEqualTo(before + 4);
		consents = api.get("/api/v1/contacts/" + contact).json().path("consents");
		assertThat(status(consents, "EMAIL", "promotions")).isEqualTo("DENIED");
		assertThat(status(consents, "EMAIL", "newsletter")).isEqualTo("DENIED");
		assertThat(recipients(campaign)).containsExactly(Map.entry("MAY_ASK_HAS_BASIS/DECLINED", 1L));
		assertThat(answerOf(campaign, contact)).isEqualTo("EMAIL:NO:LINK");
	}

	@Test
	@DisplayName("SEED-03: an answer posted without the page's language (a bare client) is recorded in the "
			+ "recipient's language, never a server error")
	void anAnswerWithoutTheLanguageIsRecordedInTheRecipientsLanguage() throws Exception {
		String contact = askable("{\"email\":\"" + EMAIL + "\",\"locale\":\"en\"}", "EMAIL");
		String campaign = launched("EMAIL", 14);

		HttpResponse<String> yes = post(token(campaign, contact), "choice=yes");

		assertThat(yes.statusCode()).as(yes.body()).isEqualTo(200);
		assertThat(yes.body()).contains("<html lang=\"en\"").contains("Thank you, that is recorded");
		JsonNode notices = api.get("/api/v1/campaigns/" + campaign).json().path("definition").path("noticeIds");
		assertThat(events(contact)).filteredOn(e -> "EMAIL_CLICK".equals(e.get("source")))
			.allSatisfy(e -> assertThat(e.get("notice_id"))
				.isEqualTo(notices.path((String) e.get("purpose_key")).path("en").asString()));
	}

	@Test
	@DisplayName("SEED-03: the SMS's link leads to the same page, and its answer is on SMS")
	void theSmsLinkAnswersOnSms() throws Exception {
		String contact = askable("{\"phone\":\"" + PHONE + "\"}", "SMS");
		String campaign = launched("SMS", 14);

		assertThat(answer(token(campaign, contact), "yes").statusCode()).isEqualTo(200);

		assertThat(events(contact)).filteredOn(e -> "EMAIL_CLICK".equals(e.get("source")))
			.hasSize(2)
			.allSatisfy(e -> assertThat(e.get("channel")).isEqualTo("SMS"));
		assertThat(status(api.get("/api/v1/contacts/" + contact).json().path("consents"), "SMS", "promotions"))
			.isEqualTo("GRANTED");
	}

	@Test
	@DisplayName("SEED-03, GDPR-01: on purposes with double opt-in, a yes by SMS reply or by the link is granted at once: "
			+ "the answer came through the channel it grants, which is what a confirmation would prove")
	void answersOnDoubleOptInPurposesAreGrantedAtOnce() throws Exception {
		for (String purpose : List.of("promotions", "newsletter")) {
			Api.Response patched = api.patch("/api/v1/purposes/" + purpose, "{\"doubleOptIn\":[\"SMS\",\"EMAIL\"]}");
			assertThat(patched.status()).as(patched.body()).isEqualTo(200);
		}
		String bySms = askable("{\"phone\":\"" + PHONE + "\"}", "SMS");
		String byLink = askable("{\"email\":\"" + EMAIL + "\"}", "EMAIL");
		String smsCampaign = launched("SMS", 14);
		String emailCampaign = launched("EMAIL", 14);

		assertThat(sms(PHONE, "OUI").text("outcome")).isEqualTo("SURVEY_ANSWERED");
		assertThat(answer(token(emailCampaign, byLink), "yes").statusCode()).isEqualTo(200);

		JsonNode smsConsents = api.get("/api/v1/contacts/" + bySms).json().path("consents");
		JsonNode emailConsents = api.get("/api/v1/contacts/" + byLink).json().path("consents");
		for (String purpose : List.of("promotions", "newsletter")) {
			assertThat(status(smsConsents, "SMS", purpose)).isEqualTo("GRANTED");
			assertThat(status(emailConsents, "EMAIL", purpose)).isEqualTo("GRANTED");
		}
		assertThat(count("consent_confirmation")).as("no confirmation was issued").isZero();
		assertThat(recipients(smsCampaign)).containsEntry("MAY_ASK_HAS_BASIS/CONFIRMED", 1L);
	}

	@Test
	@DisplayName("SEED-03, GDPR-04: choices saved in the preference centre answer the campaign: every asked purpose "
			+ "ticked confirms the recipient, one unticked later declines it")
	void choicesInThePreferenceCentreAnswerTheCampaign() throws Exception {
		String contact = askable("{\"email\":\"" + EMAIL + "\"}", "EMAIL");
		String campaign = launched("EMAIL", 14);
		String url = api.post("/api/v1/contacts/" + contact + "/preference-link", "").text("url");
		String path = URI.create(url).getRawPath();

		HttpResponse<String> saved = postPublic(path, "lang=fr&action=save&EMAIL.promotions=yes&EMAIL.newsletter=yes");

		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
		assertThat(recipients(campaign)).containsExactly(Map.entry("MAY_ASK_HAS_BASIS/CONFIRMED", 1L));
		assertThat(answerOf(campaign, contact)).isEqualTo("EMAIL:YES:PREFERENCES");

		postPublic(path, "lang=fr&action=save&EMAIL.promotions=yes");

		assertThat(recipients(campaign)).containsExactly(Map.entry("MAY_ASK_HAS_BASIS/DECLINED", 1L));
		assertThat(answerOf(campaign, contact)).isEqualTo("EMAIL:NO:PREFERENCES");
	}

	@Test
	@DisplayName("SEED-03: a template's {preferences} becomes the recipient's own preference-centre link, valid "
			+ "until the deadline")
	void aTemplatesPreferencesFieldIsTheRecipientsOwnLink() throws Exception {
		String contact = askable("{\"phone\":\"" + PHONE + "\"}", "SMS");
		String deadline = clock.instant().plus(Duration.ofDays(14)).toString();
		String id = created(api.post("/api/v1/campaigns", "{\"name\":\"Preferences\",\"purposes\":[\"promotions\"],"
				+ "\"plan\":\"SMS\",\"questions\":{\"fr\":\"" + QUESTION_FR + "\"},"
				+ "\"sms\":{\"fr\":\"Acme : choisissez ce que vous recevez {preferences}\"},"
				+ "\"deadline\":\"" + deadline + "\"}")).text("id");
		assertThat(api.post("/api/v1/campaigns/" + id + "/launch", "").status()).isEqualTo(200);
		String text = jdbc.sql("SELECT body_text FROM outbox_message WHERE tenant_id = ? AND origin_id = ?")
			.params(tenant.value(), id)
			.query(String.class)
			.single();
		Matcher link = Pattern.compile("https?://\\S+/p/([A-Za-z0-9_.-]+)").matcher(text);
		assertThat(link.find()).as(text).isTrue();

		HttpResponse<String> page = getPublic("/p/" + link.group(1));

		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		HttpResponse<String> saved = postPublic("/p/" + link.group(1), "lang=fr&action=save&SMS.promotions=yes");
		assertThat(saved.statusCode()).isEqualTo(200);
		assertThat(answerOf(id, contact)).isEqualTo("SMS:YES:PREFERENCES");
		clock.advance(Duration.ofDays(15));
		assertThat(getPublic("/p/" + link.group(1)).statusCode()).as("expired with the campaign").isEqualTo(410);
	}

	@Test
	@DisplayName("EM-02: a forged or unknown link is not found and writes nothing")
	void aForgedLinkIsNotFoundAndWritesNothing() throws Exception {
		String contact = askable("{\"email\":\"" + EMAIL + "\"}", "EMAIL");
		String campaign = launched("EMAIL", 14);
		String real = token(campaign, contact);
		String forged = (real.charAt(0) == 'A' ? "B" : "A") + real.substring(1);
		long before = count("consent_event");

		for (String token : List.of(forged, "not-a-token", "%27%20OR%201%3D1")) {
			assertThat(page(token, null).statusCode()).as(token).isEqualTo(404);
			assertThat(answer(token, "yes").statusCode()).as(token).isEqualTo(404);
		}
		HttpResponse<String> noChoice = post(real, "lang=fr");
		assertThat(noChoice.statusCode()).isEqualTo(400);

		assertThat(count("consent_event")).isEqualTo(before);
		assertThat(recipients(campaign)).containsExactly(Map.entry("MAY_ASK_HAS_BASIS/MESSAGED", 1L));
	}

	@Test
	@DisplayName("SEED-03: a closed campaign's link is gone (410) and writes nothing")
	void aClosedCampaignsLinkIsGone() throws Exception {
		String contact = askable("{\"email\":\"" + EMAIL + "\"}", "EMAIL");
		String campaign = launched("EMAIL", 14);
		String token = token(campaign, contact);
		jdbc.sql("UPDATE campaign SET state = 'CLOSED' WHERE tenant_id = ? AND campaign_id = ?")
			.params(tenant.value(), campaign)
			.update();
		long before = count("consent_event");

		HttpResponse<String> page = page(token, "en");
		HttpResponse<String> yes = answer(token, "yes");

		assertThat(page.statusCode()).isEqualTo(410);
		assertThat(page.body()).contains("This campaign is over");
		assertThat(yes.statusCode()).isEqualTo(410);
		assertThat(count("consent_event")).isEqualTo(before);
		assertThat(recipients(campaign)).containsExactly(Map.entry("MAY_ASK_HAS_BASIS/MESSAGED", 1L));
	}

	// set-up

	/**
	 * A prospect with {@code fields} whose only consent, to promotions on {@code channel}, was
	 * imported without proof: a weak basis, so a campaign may ask it (FR-12, EDPB-01). Its id.
	 */
	private String askable(String fields, String channel) {
		String id = created(api.post("/api/v1/contacts", fields)).text("id");
		created(api.post("/api/v1/consents", "{\"contactId\":\"" + id + "\",\"channel\":\"" + channel
				+ "\",\"purpose\":\"promotions\",\"action\":\"GRANT\",\"source\":\"IMPORT\","
				+ "\"evidence\":{\"importId\":\"legacy-2019\"}}"));
		return id;
	}

	/** A launched campaign asking for promotions and the newsletter; its id. */
	private String launched(String plan, int days) {
		return launchedFor(List.of("promotions", "newsletter"), plan, days);
	}

	/** A launched campaign whose deadline is {@code days} days away (an hour when 0); its id. */
	private String launchedFor(List<String> purposes, String plan, int days) {
		String deadline = clock.instant().plus(days == 0 ? Duration.ofHours(1) : Duration.ofDays(days)).toString();
		String body = "{\"name\":\"Re-permission " + (++sequence) + "\",\"purposes\":[\""
				+ String.join("\",\"", purposes) + "\"],\"plan\":\"" + plan + "\",\"questions\":{\"fr\":\""
				+ QUESTION_FR + "\",\"en\":\"" + QUESTION_EN + "\"},"
				+ "\"sms\":{\"fr\":\"Acme : répondez {yes} pour garder nos offres, ou {link}\","
				+ "\"en\":\"Acme: reply {yes} to keep our offers, or {link}\"},"
				+ "\"email\":{\"fr\":{\"subject\":\"On reste en contact ?\",\"text\":\"Confirmez ici : {link}\"},"
				+ "\"en\":{\"subject\":\"Stay in touch?\",\"text\":\"Confirm here: {link}\"}},"
				+ "\"deadline\":\"" + deadline + "\"}";
		String id = created(api.post("/api/v1/campaigns", body)).text("id");
		Api.Response launch = api.post("/api/v1/campaigns/" + id + "/launch", "");
		assertThat(launch.status()).as(launch.body()).isEqualTo(200);
		assertThat(launch.text("state")).isEqualTo("RUNNING");
		return id;
	}

	// requests and checks

	private Api.Response sms(String from, String text) {
		Api.Response r = api.post("/api/v1/inbound/sms", "{\"from\":\"" + from + "\",\"to\":\"" + shortCode
				+ "\",\"text\":\"" + text + "\",\"messageId\":\"SM-" + (++sequence) + "-" + System.nanoTime() + "\"}"); // clock-ok: a unique id
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		return r;
	}

	private HttpResponse<String> page(String token, String acceptLanguage) throws Exception {
		HttpRequest.Builder get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/c/" + token)).GET();
		if (acceptLanguage != null) {
			get.header("Accept-Language", acceptLanguage);
		}
		return browser.send(get.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> answer(String token, String choice) throws Exception {
		return post(token, "lang=fr&choice=" + URLEncoder.encode(choice, StandardCharsets.UTF_8));
	}

	private HttpResponse<String> postPublic(String path, String form) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("User-Agent", "TestBrowser/1.0")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> getPublic(String path) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String token, String form) throws Exception {
		return postPublic("/c/" + token, form);
	}

	private String token(String campaign, String contact) {
		return jdbc.sql("SELECT token FROM campaign_recipient WHERE tenant_id = ? AND campaign_id = ? AND contact_id = ?")
			.params(tenant.value(), campaign, contact)
			.query(String.class)
			.single();
	}

	private String answerOf(String campaign, String contact) {
		return jdbc.sql("SELECT answer FROM campaign_recipient WHERE tenant_id = ? AND campaign_id = ? AND contact_id = ?")
			.params(tenant.value(), campaign, contact)
			.query(String.class)
			.single();
	}

	/** The campaign's recipients by {@code class/state}, as {@code GET /api/v1/campaigns/{id}} shows them. */
	private Map<String, Long> recipients(String campaign) {
		Api.Response c = api.get("/api/v1/campaigns/" + campaign);
		assertThat(c.status()).as(c.body()).isEqualTo(200);
		Map<String, Long> counts = new java.util.LinkedHashMap<>();
		c.json().path("recipients").properties().forEach(e -> counts.put(e.getKey(), e.getValue().asLong()));
		return counts;
	}

	/** The contact's consent events after its import, by purpose, with their evidence. */
	private List<Map<String, Object>> events(String contact) {
		return jdbc.sql("SELECT e.purpose_key, e.action, e.channel, e.source, e.notice_id, d.document "
				+ "FROM consent_event e JOIN consent_evidence d ON d.tenant_id = e.tenant_id AND d.event_id = e.event_id "
				+ "WHERE e.tenant_id = ? AND e.contact_id = ? AND e.source <> 'IMPORT' ORDER BY e.seq")
			.params(tenant.value(), contact)
			.query()
			.listOfRows()
			.stream()
			.sorted(java.util.Comparator.comparing((Map<String, Object> e) -> (String) e.get("purpose_key")))
			.toList();
	}

	private static String status(JsonNode consents, String channel, String purpose) {
		for (JsonNode c : consents) {
			if (c.path("channel").asString().equals(channel) && c.path("purpose").asString().equals(purpose)) {
				return c.path("status").asString();
			}
		}
		return null;
	}

	private long count(String table) {
		return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = ?")
			.param(tenant.value())
			.query(Long.class)
			.single();
	}

	private static Api.Response created(Api.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response;
	}
}
