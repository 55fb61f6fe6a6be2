package org.optinel.audit;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.optinel.core.TenantId;
import org.optinel.testing.Api;
import org.optinel.testing.TestClock;
import org.optinel.testing.TestTenants;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.optinel.testing.ProblemAssertions.assertFieldProblem;

/**
 * The audit log (GDPR-12): entries written in the caller's transaction, read newest first through
 * the API, per tenant, never changed; runs on SQLite and on PostgreSQL through its two subclasses.
 */
// The audit, erasure, export and purge tests share one application context: the same clock, the same chunks.
@Import(TestClock.Configuration.class)
@TestPropertySource(properties = "optinel.contacts.erasure-chunk-size=2")
abstract class AuditIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	AuditLog log;

	@Autowired
	PlatformTransactionManager transactions;

	Api api;

	TenantId tenant;

	@BeforeEach
	void aTenant() {
		var issued = tenants.create();
		tenant = issued.tenant().id();
		api = new Api(port, issued.apiKey());
	}

	@Test
	@DisplayName("GDPR-12: an entry commits or rolls back with the action it describes")
	void anEntryJoinsTheCallersTransaction() {
		TransactionTemplate transaction = new TransactionTemplate(transactions);
		transaction.executeWithoutResult(status -> {
			log.record(tenant, "operator", "CONTACT_ERASED", "0190a000-0000-7000-8000-000000000001", 1, Map.of());
			status.setRollbackOnly();
		});
		assertThat(log.list(tenant, null, 50, null).items()).isEmpty();

		transaction.executeWithoutResult(status -> log.record(tenant, "operator", "CONTACT_ERASED",
				"0190a000-0000-7000-8000-000000000001", 1, Map.of("reason", "REQUEST")));

		assertThat(log.list(tenant, null, 50, null).items()).singleElement().satisfies(e -> {
			assertThat(e.details()).containsEntry("reason", "REQUEST");
			assertThat(e.actor()).isEqualTo("operator");
		});
	}

	@Test
	@DisplayName("GDPR-12: the API lists the tenant's entries newest first, by action, a page at a time")
	void theApiListsEntriesNewestFirst() {
		AuditEntry first = log.record(tenant, "cli", "RETENTION_PURGE", "purge-1", 3, Map.of("prospects", 2));
		AuditEntry second = log.record(tenant, "api-key", "CONTACT_ERASED", "c-1", 1, Map.of("reason", "REQUEST"));
		AuditEntry third = log.record(tenant, "scheduler", "RETENTION_PURGE", "purge-2", 0, Map.of());
		log.record(tenants.create().tenant().id(), "cli", "RETENTION_PURGE", "elsewhere", 5, Map.of());

		Api.Response page = api.get("/api/v1/audit?limit=2");

		assertThat(page.status()).as(page.body()).isEqualTo(200);
		JsonNode items = page.json().path("items");
		assertThat(items).extracting(i -> i.path("id").asString()).containsExactly(third.id(), second.id());
		assertThat(items.get(0).path("at").asString()).isNotBlank();
		String next = page.text("next");
		assertThat(next).isEqualTo(second.id());
		JsonNode rest = api.get("/api/v1/audit?limit=2&cursor=" + next).json();
		assertThat(rest.path("items")).extracting(i -> i.path("id").asString()).containsExactly(first.id());
		assertThat(rest.path("next").isNull()).isTrue();
		JsonNode purges = api.get("/api/v1/audit?action=RETENTION_PURGE").json().path("items");
		assertThat(purges).extracting(i -> i.path("target").asString()).containsExactly("purge-2", "purge-1");
		assertThat(purges.get(1).path("count").asLong()).isEqualTo(3);
		assertThat(purges.get(1).path("details").path("prospects").asInt()).isEqualTo(2);
		assertThat(purges.get(1).path("actor").asString()).isEqualTo("cli");
	}

	@Test
	@DisplayName("GDPR-12: the audit log refuses values that are plainly personal data")
	void personalDataIsRefused() {
		assertThatThrownBy(() -> log.record(tenant, "operator", "CONTACT_ERASED", null, 1,
				Map.of("who", "jeanne@example.fr"))).isInstanceOf(IllegalArgumentException.class)
			.hasMessageNotContaining("jeanne");
		assertThatThrownBy(() -> log.record(tenant, "operator", "CONTACT_ERASED", "+33612345678", 1, Map.of()))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> log.record(tenant, "operator", "CONTACT_ERASED", null, 1,
				Map.of("numbers", List.of("+33612345678")))).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> log.record(tenant, "Operator!", "CONTACT_ERASED", null, 1, Map.of()))
			.isInstanceOf(IllegalArgumentException.class);
		assertThat(log.list(tenant, null, 50, null).items()).isEmpty();
	}

	@Test
	@DisplayName("GDPR-12: the API refuses a bad action, limit or cursor")
	void badParametersAreRefused() {
		assertFieldProblem(api.get("/api/v1/audit?limit=0"), 422, "invalid-input", "limit");
		assertFieldProblem(api.get("/api/v1/audit?limit=501"), 422, "invalid-input", "limit");
		assertFieldProblem(api.get("/api/v1/audit?cursor=yesterday"), 422, "invalid-input", "cursor");
		assertFieldProblem(api.get("/api/v1/audit?action=erased"), 422, "invalid-input", "action");
	}

	@Test
	@DisplayName("GDPR-12: nothing changes or removes an entry: no such API, no such storage method")
	void entriesCannotBeChangedOrRemoved() {
		log.record(tenant, "operator", "CONTACT_ERASED", null, 1, Map.of());

		assertThat(api.send(api.builder("/api/v1/audit").DELETE()).status()).isEqualTo(405);
		assertThat(api.send(api.builder("/api/v1/audit").PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
			.header("Content-Type", "application/json")).status()).isEqualTo(405);
		assertThat(Arrays.stream(AuditEntries.class.getDeclaredMethods()).map(Method::getName))
			.containsExactlyInAnyOrder("append", "page");
		assertThat(log.list(tenant, null, 50, null).items()).hasSize(1);
	}
}
