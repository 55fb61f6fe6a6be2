package org.optinel.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optinel.testing.Api;
import org.optinel.testing.OnSqlite;
import org.optinel.testing.TestClock;
import org.optinel.testing.TestTenants;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-IP rate limit of the public pages over real HTTP, with budgets small enough to reach: 3
 * reads and 2 writes at once, refilled at 6 and 2 a minute on the test clock.
 */
@OnSqlite
@Import(TestClock.Configuration.class)
@TestPropertySource(properties = { "optinel.web.public-rate-limit.reads-per-minute=6",
		"optinel.web.public-rate-limit.read-burst=3", "optinel.web.public-rate-limit.writes-per-minute=2",
		"optinel.web.public-rate-limit.write-burst=2" })
class PublicRateLimitIntegrationTests {

	private static final String FORM = "/f/nonsense";

	@LocalServerPort
	int port;

	@Autowired
	TestClock clock;

	@Autowired
	TestTenants tenants;

	Api anonymous;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void everyBucketFull() {
		// An hour later every bucket has refilled, whatever the test before used.
		clock.advance(Duration.ofHours(1));
		anonymous = new Api(port, null);
	}

	@Test
	void overTheReadBudgetAPublicPageAnswers429WithRetryAfterAndAProblem() throws Exception {
		for (int i = 0; i < 3; i++) {
			assertThat(anonymous.get(FORM).status()).isEqualTo(404);
		}

		HttpResponse<String> limited = http.send(anonymous.builder(FORM).GET().build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(limited.statusCode()).isEqualTo(429);
		// 6 a minute is one read every 10 seconds
		assertThat(limited.headers().firstValue("Retry-After")).contains("10");
		assertThat(limited.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = new Api.Response(429, "", limited.body()).json();
		assertThat(problem.path("type").asString()).isEqualTo("https://optinel.org/problems/too-many-requests");
		assertThat(problem.path("status").asInt()).isEqualTo(429);
		assertThat(problem.path("title").asString()).isEqualTo("Too many requests");
		assertThat(problem.path("detail").asString()).contains("try again in 10 seconds");
	}

	@Test
	void aBrowserOverTheBudgetReadsAPageInItsLanguageWithTheSameStatus() throws Exception {
		for (int i = 0; i < 3; i++) {
			assertThat(anonymous.get(FORM).status()).isEqualTo(404);
		}

		HttpResponse<String> limited = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + FORM))
			.header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
			.header("Accept-Language", "fr-FR,fr;q=0.9")
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).contains("10");
		assertThat(limited.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("text/html"));
		assertThat(limited.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				csp -> assertThat(csp).contains("default-src 'none'").doesNotContain("unsafe-inline"));
		assertThat(limited.body()).contains("<html lang=\"fr\">", "réessayez dans 10 secondes");
	}

	@Test
	void everyPublicPrefixIsLimitedTogetherForOneAddress() {
		assertThat(anonymous.get("/unsubscribe/nonsense").status()).isNotEqualTo(429);
		assertThat(anonymous.get("/c/nonsense").status()).isNotEqualTo(429);
		assertThat(anonymous.get("/d/nonsense").status()).isNotEqualTo(429);

		assertThat(anonymous.get("/p/nonsense").status()).isEqualTo(429);
		assertThat(anonymous.get("/x/../f/nonsense").status()).isEqualTo(429);
	}

	@Test
	void theBudgetRefillsAsTheClockMoves() {
		for (int i = 0; i < 3; i++) {
			anonymous.get(FORM);
		}
		assertThat(anonymous.get(FORM).status()).isEqualTo(429);

		clock.advance(Duration.ofSeconds(10));

		assertThat(anonymous.get(FORM).status()).isEqualTo(404);
		assertThat(anonymous.get(FORM).status()).isEqualTo(429);
	}

	@Test
	void writesHaveTheirOwnTighterBudget() {
		for (int i = 0; i < 2; i++) {
			assertThat(post(FORM).statusCode()).isNotEqualTo(429);
		}
		HttpResponse<String> limited = post(FORM);

		assertThat(limited.statusCode()).isEqualTo(429);
		// 2 a minute is one write every 30 seconds
		assertThat(limited.headers().firstValue("Retry-After")).contains("30");
		assertThat(limited.body()).contains("submissions");
		// reads are still allowed
		assertThat(anonymous.get(FORM).status()).isEqualTo(404);
	}

	@Test
	void theAuthenticatedApiIsNotLimited() {
		Api api = new Api(port, tenants.create().apiKey());

		for (int i = 0; i < 20; i++) {
			assertThat(api.get("/api/v1/forms").status()).isEqualTo(200);
		}
	}

	@Test
	void anotherAddressHasItsOwnBudget() throws IOException {
		for (int i = 0; i < 3; i++) {
			anonymous.get(FORM);
		}
		assertThat(anonymous.get(FORM).status()).isEqualTo(429);

		// Linux answers on all of 127.0.0.0/8: a second loopback address is a second client.
		assertThat(statusFrom("127.0.0.2", FORM)).isEqualTo(404);
		assertThat(anonymous.get(FORM).status()).isEqualTo(429);
	}

	private HttpResponse<String> post(String path) {
		try {
			return http.send(anonymous.builder(path)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("lang=fr"))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private int statusFrom(String localAddress, String path) throws IOException {
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(localAddress, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
			socket.setSoTimeout(5_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
			return Integer.parseInt(status.split(" ")[1]);
		}
	}
}
