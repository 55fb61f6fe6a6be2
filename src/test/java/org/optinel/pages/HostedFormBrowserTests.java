package org.optinel.pages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.optinel.core.Channel;
import org.optinel.core.EmailAddress;
import org.optinel.core.TenantId;
import org.optinel.messaging.UnsubscribeLinks;
import org.optinel.suppression.SuppressionList;
import org.optinel.tenancy.IdentifierHashing;
import org.optinel.tenancy.IssuedTenant;
import org.optinel.testing.Api;
import org.optinel.testing.OnSqlite;
import org.optinel.testing.TestTenants;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public pages in a real browser, headless Chromium driven by Selenium: what a person sees and
 * clicks, rather than what a client posts. Debian's {@code chromium} and {@code chromium-driver}
 * must be installed; Selenium is pointed at them so that it never downloads a driver. Screenshots
 * of the form and its thank-you page go to {@code target/screenshots/}.
 */
@OnSqlite
class HostedFormBrowserTests {

	static final String CHROMIUM = "/usr/bin/chromium";

	static final String CHROMEDRIVER = "/usr/bin/chromedriver";

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	static WebDriver browser;

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UnsubscribeLinks links;

	@Autowired
	SuppressionList suppressions;

	@Autowired
	IdentifierHashing hashing;

	Api api;

	TenantId tenant;

	String tenantName;

	@BeforeAll
	static void aHeadlessChromium() throws IOException {
		Files.createDirectories(SCREENSHOTS);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
			// --no-sandbox because CI runs as root, where Chromium's sandbox refuses to start
			.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=fr",
					"--window-size=1280,1000");
		// on Linux --lang does not reach Accept-Language; the preference does, and the form follows it
		options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "fr-FR,fr"));
		browser = new ChromeDriver(service, options);
		browser.manage().window().setSize(new Dimension(1280, 1000));
		browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
	}

	@AfterAll
	static void quitTheBrowser() {
		if (browser != null) {
			browser.quit();
			browser = null;
		}
	}

	@BeforeEach
	void aTenant() {
		IssuedTenant issued = tenants.create();
		tenant = issued.tenant().id();
		tenantName = issued.tenant().name();
		api = new Api(port, issued.apiKey());
	}

	@Test
	@DisplayName("GDPR-01, GDPR-02: a person ticks one of two unticked boxes and exactly one grant is recorded, with the browser as evidence")
	void aPersonTicksOneOfTwoUntickedBoxesAndExactlyOneGrantIsRecorded() {
		JsonNode form = aFormWithTwoAsks();
		String url = form.path("url").asString();

		open(url);
		List<WebElement> boxes = List.of(browser.findElement(By.id("ask0")), browser.findElement(By.id("ask1")));
		assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
		assertThat(boxes).noneMatch(WebElement::isSelected);
		screenshot("form-fr");
		browser.findElement(By.id("f-email")).sendKeys("jeanne.martin@example.fr");
		boxes.get(0).click();
		submit();

		assertThat(browser.findElement(By.tagName("main")).getText()).contains("Merci, votre réponse a été enregistrée.");
		screenshot("thanks-fr");
		String contactId = jdbc.sql("SELECT DISTINCT contact_id FROM consent_event WHERE tenant_id = ?")
			.param(tenant.value())
			.query(String.class)
			.single();
		JsonNode events = api.get("/api/v1/contacts/" + contactId + "/proof").json().path("events");
		assertThat(events).hasSize(1);
		JsonNode grant = events.get(0);
		assertThat(grant.path("action").asString()).isEqualTo("GRANT");
		assertThat(grant.path("source").asString()).isEqualTo("WEB_FORM");
		JsonNode evidence = grant.path("evidence").path("fields");
		assertThat(evidence.path("formId").asString()).isEqualTo(form.path("id").asString() + "@v1");
		assertThat(evidence.path("userAgent").asString()).contains("Chrome");
		assertThat(evidence.path("checkbox").path("prechecked").asBoolean()).isFalse();

		open(url + "?lang=en");
		assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
		assertThat(browser.findElement(By.id("ask0")).isSelected()).isFalse();
		screenshot("form-en");
		browser.findElement(By.id("f-email")).sendKeys("john.smith@example.com");
		browser.findElement(By.id("ask0")).click();
		submit();
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("Thank you, your answer has been recorded.");
		screenshot("thanks-en");
	}

	@Test
	@DisplayName("GDPR-01: a form altered in the browser to claim a pre-ticked box is refused and records nothing")
	void aFormAlteredInTheBrowserIsRefusedAndRecordsNothing() {
		open(aFormWithTwoAsks().path("url").asString());
		browser.findElement(By.id("f-email")).sendKeys("jeanne.martin@example.fr");
		browser.findElement(By.id("ask0")).click();
		((JavascriptExecutor) browser).executeScript("""
				const claim = document.createElement('input');
				claim.type = 'hidden';
				claim.name = 'prechecked';
				claim.value = 'true';
				document.querySelector('form').appendChild(claim);""");
		submit();

		assertThat(browser.findElement(By.tagName("main")).getText())
			.contains("Cet envoi ne correspond pas au formulaire affiché : rien n'a été enregistré.");
		assertThat(count("consent_event")).isZero();
		assertThat(count("contact")).isZero();
	}

	@Test
	@DisplayName("EM-02: the unsubscribe page changes nothing until its button is clicked, which suppresses the address for email")
	void theUnsubscribePageChangesNothingUntilItsButtonIsClicked() {
		EmailAddress email = EmailAddress.parse("jeanne.martin@example.fr", "email");

		open(links.path(tenant, email, "newsletter"));

		WebElement button = browser.findElement(By.cssSelector("form button[type=submit]"));
		assertThat(button.getText()).contains("Me désabonner");
		assertThat(browser.findElement(By.tagName("main")).getText()).contains(tenantName);
		assertThat(suppressed(email, Channel.EMAIL)).isFalse();
		assertThat(count("suppression")).isZero();

		button.click();
		waitForStaleness(button);

		assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Unsubscribed");
		assertThat(suppressed(email, Channel.EMAIL)).isTrue();
		assertThat(suppressed(email, Channel.SMS)).isFalse();
	}

	// Helpers

	private void open(String path) {
		browser.get("http://127.0.0.1:" + port + path);
	}

	/** Submits the page's form and waits for the answer to replace it. */
	private void submit() {
		WebElement button = browser.findElement(By.cssSelector("form button[type=submit]"));
		button.click();
		waitForStaleness(button);
	}

	private static void waitForStaleness(WebElement element) {
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(element));
	}

	private static void screenshot(String name) {
		try {
			Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
			Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private boolean suppressed(EmailAddress email, Channel channel) {
		return suppressions.isSuppressed(tenant, channel, hashing.email(tenant, email));
	}

	private long count(String table) {
		return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = ?").param(tenant.value())
			.query(Long.class)
			.single();
	}

	/** A form asking for the newsletter by email and offers by SMS, with French and English notices. */
	private JsonNode aFormWithTwoAsks() {
		for (String purpose : List.of("newsletter", "promotions")) {
			created(api.post("/api/v1/purposes",
					"{\"key\": \"" + purpose + "\", \"name\": \"" + purpose + "\", \"kind\": \"MARKETING\"}"));
		}
		String newsletter = ask("EMAIL", "newsletter",
				notice("newsletter", "fr", "Je souhaite recevoir la lettre d'information par e-mail."),
				notice("newsletter", "en", "I want to receive the newsletter by email."));
		String promotions = ask("SMS", "promotions", notice("promotions", "fr", "Je souhaite recevoir les offres par SMS."),
				notice("promotions", "en", "I want to receive offers by text message."));
		return created(api.post("/api/v1/forms", """
				{"name": "Lettre et offres",
				 "asks": [%s, %s],
				 "fields": [{"name": "email", "required": true}, {"name": "phone"}, {"name": "firstName"}],
				 "brand": {"name": "Exemple", "primaryColour": "#0A5C36"},
				 "privacyPolicyUrl": "https://example.fr/confidentialite",
				 "controller": "Exemple SAS",
				 "termsCheckbox": "J'accepte les conditions générales de vente."}
				""".formatted(newsletter, promotions)));
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

	private static JsonNode created(Api.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.json();
	}
}
