package org.optinel.consent;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optinel.testing.Api;
import org.optinel.testing.TestClock;
import org.optinel.testing.TestTenants;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optinel.testing.ProblemAssertions.assertFieldProblem;
import static org.optinel.testing.ProblemAssertions.assertProblem;

/**
 * Retries of {@code POST /api/v1/consents} with an {@code Idempotency-Key}: the same request is
 * recorded once, another request under the same key is refused; runs on SQLite and on PostgreSQL
 * through its subclasses.
 */
@Import(TestClock.Configuration.class)
abstract class IdempotencyIntegrationTests {

	static final String CONSENTS = "/api/v1/consents";

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestClock clock;

	Api api;

	String tenantId;

	String noticeId;

	@BeforeEach
	void newTenantWithANewsletter() {
		var issued = tenants.create();
		tenantId = issued.tenant().id().value();
		api = new Api(port, issued.apiKey());
		noticeId = ConsentApiIntegrationTests.newsletterNotice(api);
	}

	@AfterEach
	void realTimeAgain() {
		clock.reset();
	}

	String grant() {
		return ConsentApiIntegrationTests.grant("\"phone\":\"0612345678\"", "SMS", noticeId,
				ConsentApiIntegrationTests.WEB_FORM_EVIDENCE);
	}

	Api.Response post(String key, String body) {
		return api.send(api.builder(CONSENTS)
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", key)
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	@Test
	void aRetryWithTheSameKeyAndBodyAnswersTheFirstResponseAndRecordsOnce() {
		Api.Response first = post("retry-1", grant());
		Api.Response retry = post("retry-1", grant().replace(",", " ,"));

		assertThat(first.status()).as(first.body()).isEqualTo(201);
		assertThat(retry.status()).isEqualTo(201);
		assertThat(retry.body()).isEqualTo(first.body());
		assertThat(retry.contentType()).startsWith("application/json");
		assertThat(events()).isEqualTo(1);
		assertThat(jdbc.sql("SELECT count(*) FROM contact WHERE tenant_id = ?").param(tenantId).query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void theSameKeyWithAnotherBodyIsAConflictAndRecordsNothing() {
		post("retry-2", grant());

		Api.Response reused = post("retry-2", grant().replace("\"SMS\"", "\"EMAIL\""));

		assertProblem(reused, 409, "idempotency-key-reused");
		assertThat(events()).isEqualTo(1);
	}

	@Test
	void keysBelongToTheirTenant() {
		var other = tenants.create();
		Api them = api.as(other.apiKey());
		String theirNotice = ConsentApiIntegrationTests.newsletterNotice(them);
		post("shared-key", grant());

		Api.Response theirs = them.send(them.builder(CONSENTS)
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", "shared-key")
			.POST(HttpRequest.BodyPublishers.ofString(grant().replace(noticeId, theirNotice))));

		assertThat(theirs.status()).as(theirs.body()).isEqualTo(201);
	}

	@Test
	void eightConcurrentRetriesRecordOneEvent() throws Exception {
		int clients = 8;
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Api.Response>> responses = new ArrayList<>();
			for (int i = 0; i < clients; i++) {
				Callable<Api.Response> retry = () -> {
					start.await();
					return post("concurrent", grant());
				};
				responses.add(pool.submit(retry));
			}
			start.countDown();
			List<String> bodies = new ArrayList<>();
			for (Future<Api.Response> response : responses) {
				Api.Response r = response.get();
				assertThat(r.status()).as(r.body()).isEqualTo(201);
				bodies.add(r.body());
			}
			assertThat(bodies).containsOnly(bodies.get(0));
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(events()).isEqualTo(1);
		assertThat(api.get("/api/v1/ledger/verify").json().path("ok").asBoolean()).isTrue();
	}

	@Test
	void aKeyExpiresAfterADayAndThenRecordsAgain() {
		post("daily", grant());
		clock.advance(Duration.ofHours(24).plusSeconds(1));

		Api.Response later = post("daily", grant());

		assertThat(later.status()).as(later.body()).isEqualTo(201);
		assertThat(later.json().path("seq").asLong()).isEqualTo(2);
		assertThat(events()).isEqualTo(2);
	}

	@Test
	void theSweepForgetsExpiredKeysAndKeepsTheOthers(@Autowired IdempotencyKeySweep sweep) {
		post("old-1", grant());
		post("old-2", grant());
		clock.advance(Duration.ofHours(12));
		post("recent", grant());
		clock.advance(Duration.ofHours(12).plusSeconds(1));

		int forgotten = sweep.sweep();

		// Other tests' tenants may have expired keys too: the sweep goes tenant by tenant over all.
		assertThat(forgotten).isGreaterThanOrEqualTo(2);
		assertThat(jdbc.sql("SELECT idem_key FROM idempotency_key WHERE tenant_id = ?").param(tenantId)
			.query(String.class).list()).containsExactly("recent");
		assertThat(post("recent", grant()).status()).isEqualTo(201);
		assertThat(events()).isEqualTo(3);
	}

	@Test
	void aRefusedRequestKeepsNoKeySoACorrectedRetryMayUseIt_GDPR_01() {
		Api.Response refused = post("fix-and-retry", grant().replace("\"prechecked\":false", "\"prechecked\":true"));
		Api.Response corrected = post("fix-and-retry", grant());

		assertProblem(refused, 422, "gdpr-01");
		assertThat(corrected.status()).as(corrected.body()).isEqualTo(201);
		assertThat(events()).isEqualTo(1);
	}

	@Test
	void theConfirmationSecretOfAPendingGrantIsNeverKept() {
		api.patch("/api/v1/purposes/newsletter", "{\"doubleOptIn\":[\"SMS\"]}");

		Api.Response first = post("pending", grant());
		Api.Response retry = post("pending", grant());

		assertThat(first.json().path("confirmation").path("code").asString()).matches("[0-9]{6}");
		assertThat(retry.json().path("confirmation").path("code").isNull()).isTrue();
		assertThat(retry.json().path("eventId")).isEqualTo(first.json().path("eventId"));
		assertThat(events()).isEqualTo(1);
	}

	@Test
	void anUnusableKeyIsRefused() {
		assertFieldProblem(post("a".repeat(256), grant()), 422, "invalid-input", "Idempotency-Key");
		assertThat(events()).isZero();
	}

	long events() {
		return jdbc.sql("SELECT count(*) FROM consent_event WHERE tenant_id = ?").param(tenantId).query(Long.class).single();
	}
}
