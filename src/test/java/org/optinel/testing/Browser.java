package org.optinel.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One headless Chromium for every browser test of the run, driven by Selenium: Debian's
 * {@code chromium} and {@code chromium-driver} must be installed, and Selenium is pointed at them so
 * that it never downloads a driver. The browser prefers French, as most people in the base do;
 * tests reach English through the pages' own switch or {@code ?lang=en}.
 *
 * <p>Screenshots go to {@code target/screenshots/}. {@link #assertAccessible(String)} runs
 * axe-core (from its webjar) inside the page and fails on any WCAG 2.1 A or AA violation.
 */
public final class Browser {

	static final String CHROMIUM = "/usr/bin/chromium";

	static final String CHROMEDRIVER = "/usr/bin/chromedriver";

	/** Where the screenshots go, as test artifacts. */
	public static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final String AXE = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";

	private static WebDriver driver;

	private static String axeSource;

	private final int port;

	private Browser(int port) {
		this.port = port;
	}

	/** The run's browser, started on first use, talking to the application on {@code port}. */
	public static synchronized Browser on(int port) {
		if (driver == null) {
			driver = start();
			Runtime.getRuntime().addShutdownHook(new Thread(Browser::quit, "browser-quit"));
		}
		return new Browser(port);
	}

	private static WebDriver start() {
		try {
			Files.createDirectories(SCREENSHOTS);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
			// --no-sandbox because CI runs as root, where Chromium's sandbox refuses to start
			.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=fr",
					"--window-size=1280,1000");
		// on Linux --lang does not reach Accept-Language; the preference does, and the pages follow it
		options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "fr-FR,fr"));
		WebDriver started = new ChromeDriver(service, options);
		started.manage().window().setSize(new Dimension(1280, 1000));
		started.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
		return started;
	}

	private static synchronized void quit() {
		if (driver != null) {
			driver.quit();
			driver = null;
		}
	}

	/** The Selenium driver, for what this class does not wrap. */
	public WebDriver driver() {
		return driver;
	}

	/** Opens {@code pathOrUrl}: a path of the application under test, or an absolute URL. */
	public void open(String pathOrUrl) {
		driver.get(pathOrUrl.startsWith("http") ? pathOrUrl : "http://127.0.0.1:" + port + pathOrUrl);
	}

	public WebElement find(By by) {
		return driver.findElement(by);
	}

	public List<WebElement> findAll(By by) {
		return driver.findElements(by);
	}

	/** The text of the page's {@code <main>}. */
	public String mainText() {
		return driver.findElement(By.tagName("main")).getText();
	}

	/** The {@code lang} of the page's {@code <html>}. */
	public String language() {
		return driver.findElement(By.tagName("html")).getAttribute("lang");
	}

	/** Clicks {@code element} and waits for the page it leads to to replace this one. */
	public void clickAndWait(WebElement element) {
		element.click();
		new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> gone(element));
	}

	/**
	 * Whether the element left the document: stale, or, as Chromium sometimes answers while the
	 * next page replaces this one, "does not belong to the document".
	 */
	private static boolean gone(WebElement element) {
		try {
			element.isEnabled();
			return false;
		}
		catch (StaleElementReferenceException e) {
			return true;
		}
		catch (WebDriverException e) {
			if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
				return true;
			}
			throw e;
		}
	}

	/** Submits the page's (first) form with its submit button and waits for the answer. */
	public void submit() {
		clickAndWait(driver.findElement(By.cssSelector("form button[type=submit]")));
	}

	public Object script(String script, Object... args) {
		return ((JavascriptExecutor) driver).executeScript(script, args);
	}

	/** Saves a screenshot of the page as {@code target/screenshots/{name}.png}. */
	public void screenshot(String name) {
		try {
			Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
			Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * Runs axe-core in the page and fails, naming each rule and element, on any violation of WCAG
	 * 2.0 or 2.1 at level A or AA: labels, contrast, language, landmarks, names of buttons and links.
	 */
	public void assertAccessible(String page) {
		JavascriptExecutor js = (JavascriptExecutor) driver;
		// executeScript runs outside the page's Content-Security-Policy, which allows no script at all
		js.executeScript(axe());
		Object found = js.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
				  .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '
				      + v.nodes.map(n => n.target.join(' ')).join(', '))))
				  .catch(e => done(['axe failed: ' + e]));""");
		assertThat((List<?>) found).as("accessibility violations on " + page).isEmpty();
	}

	private static synchronized String axe() {
		if (axeSource == null) {
			try (InputStream in = Browser.class.getClassLoader().getResourceAsStream(AXE)) {
				if (in == null) {
					throw new IllegalStateException(AXE + " is not on the test classpath: the axe-core webjar is missing");
				}
				axeSource = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return axeSource;
	}
}
