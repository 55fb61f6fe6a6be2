package org.optinel.messaging.http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optinel.core.Channel;
import org.optinel.core.PhoneNumber;
import org.optinel.core.TenantId;
import org.optinel.messaging.DeliveryReport;
import org.optinel.messaging.RecordingDeliveryReports;
import org.optinel.suppression.SuppressionList;
import org.optinel.tenancy.IdentifierHashing;
import org.optinel.testing.Api;
import org.optinel.testing.TestTenants;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optinel.testing.ProblemAssertions.assertFieldProblem;
import static org.optinel.testing.ProblemAssertions.assertProblem;

/**
 * The HTTP SMS provider's signed JSON webhooks, called as the provider calls them (no API key):
 * inbound messages act like the API's, statuses reach {@link org.optinel.messaging.DeliveryReports},
 * and an unsigned or forged request changes nothing; runs on SQLite and on PostgreSQL through its
 * two subclasses.
 */
@Import(JsonWebhookIntegrationTests.Recording.class)
@TestPropertySource(properties = { "optinel.sms.http.url=http://127.0.0.1:9/sms",
		"optinel.sms.http.secret=" + JsonWebhookIntegrationTests.SECRET })
abstract class JsonWebhookIntegrationTests {

	static final String SECRET = "webhook-secret-for-the-tests";

	static final String PHONE = "+33612345678";

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	RecordingDeliveryReports reports;

	@Autowired
	SuppressionList suppressions;

	@Autowired
	IdentifierHashing hashing;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonWebhookSettings settings;

	Api api;

	TenantId tenant;

	@BeforeEach
	void aTenant() {
		tenant = tenants.create().tenant().id();
		api = new Api(port, null);
	}

	@Test
	void theSettingsAreBoundOnceTheSecretIsSetWithDefaultsForTheRest() {
		assertThat(settings.url()).isEqualTo(URI.create("http://127.0.0.1:9/sms"));
		assertThat(settings.concurrency()).isEqualTo(4);
		assertThat(settings.timeout()).isEqualTo(java.time.Duration.ofSeconds(10));
		assertThat(settings.statusUrl()).isNull();
	}

	// Inbound messages

	@Test
	void aSignedStopSuppressesTheNumberWithoutAnApiKey() { // KW-01
		Api.Response response = inbound(tenant, "{\"from\":\"" + PHONE + "\",\"to\":\"36180\",\"text\":\"Stop\","
				+ "\"receivedAt\":\"2025-03-01T10:15:30+01:00\",\"id\":\"prov-1\",\"operator\":\"Orange\"}");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.text("outcome")).isEqualTo("OPTED_OUT");
		assertThat(response.json().path("duplicate").asBoolean()).isFalse();
		assertThat(suppressed(PHONE)).isTrue();
		assertThat(jdbc.sql("SELECT provider FROM inbound_sms WHERE tenant_id = ? AND message_id = 'prov-1'")
			.param(tenant.value())
			.query(String.class)
			.single()).isEqualTo("HTTP");
	}

	@Test
	void theSameIdDeliveredAgainChangesNothing() {
		String body = "{\"from\":\"" + PHONE + "\",\"to\":\"36180\",\"text\":\"STOP\",\"id\":\"prov-dup\"}";
		inbound(tenant, body);

		Api.Response again = inbound(tenant, body);

		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().path("duplicate").asBoolean()).isTrue();
		assertThat(count("inbound_sms")).isEqualTo(1);
	}

	@Test
	void aWrongOrMissingSignatureIsRefusedAndWritesNothing() {
		String body = "{\"from\":\"" + PHONE + "\",\"to\":\"36180\",\"text\":\"STOP\",\"id\":\"prov-forged\"}";

		assertProblem(post(inboundPath(tenant), body, WebhookSignature.of("another-secret-of-some-length",
				bytes(body))), 403, "invalid-webhook-signature");
		assertProblem(post(inboundPath(tenant), body, null), 403, "invalid-webhook-signature");
		assertProblem(post(inboundPath(tenant), body, WebhookSignature.of(SECRET, bytes(body.replace("STOP", "Hi")))),
				403, "invalid-webhook-signature");

		assertThat(count("inbound_sms")).isZero();
		assertThat(suppressed(PHONE)).isFalse();
	}

	@Test
	void malformedOrIncompleteMessagesAreRefusedNamingTheField() {
		assertProblem(inbound(tenant, "STOP"), 400, "malformed-body");
		assertProblem(inbound(tenant, "[1,2]"), 400, "malformed-body");
		assertFieldProblem(inbound(tenant, "{\"from\":\"" + PHONE + "\",\"to\":\"36180\",\"text\":\"STOP\"}"), 422,
				"invalid-input", "id");
		assertFieldProblem(inbound(tenant, "{\"from\":33612345678,\"to\":\"36180\",\"text\":\"STOP\",\"id\":\"p\"}"),
				422, "invalid-input", "from");
		assertFieldProblem(inbound(tenant, "{\"from\":\"" + PHONE + "\",\"to\":\"36180\",\"text\":\"STOP\",\"id\":\"p\","
				+ "\"receivedAt\":\"yesterday\"}"), 422, "invalid-input", "receivedAt");
		assertFieldProblem(inbound(tenant, "{\"from\":\"not a phone\",\"to\":\"36180\",\"text\":\"STOP\","
				+ "\"id\":\"p x\"}"), 422, "invalid-input", "from", "id");

		assertThat(count("inbound_sms")).isZero();
		assertThat(suppressed(PHONE)).isFalse();
	}

	@Test
	void anUnknownTenantIsNotFound() {
		String body = "{\"from\":\"" + PHONE + "\",\"to\":\"36180\",\"text\":\"STOP\",\"id\":\"prov-x\"}";

		assertProblem(post("/webhooks/sms/not-a-tenant/inbound", body, WebhookSignature.of(SECRET, bytes(body))), 404,
				"not-found");
		assertProblem(post("/webhooks/sms/00000000-0000-7000-8000-000000000000/inbound", body,
				WebhookSignature.of(SECRET, bytes(body))), 404, "not-found");
	}

	// Delivery statuses

	@Test
	void aSignedStatusReachesTheDeliveryReports() {
		Api.Response response = status(tenant,
				"{\"id\":\"prov-42\",\"state\":\"delivered\",\"at\":\"2025-03-01T10:00:05Z\",\"errorCode\":null}");

		assertThat(response.status()).as(response.body()).isEqualTo(204);
		assertThat(reports.of(tenant)).containsExactly(new DeliveryReport("prov-42", DeliveryReport.State.DELIVERED,
				Instant.parse("2025-03-01T10:00:05Z"), ""));
	}

	@Test
	void aStatusWithoutATimeIsDatedOnArrivalAndKeepsANumericErrorCode() {
		Instant before = Instant.now();

		status(tenant, "{\"id\":\"prov-43\",\"state\":\"UNDELIVERABLE\",\"errorCode\":30003}");

		DeliveryReport report = reports.of(tenant).get(0);
		assertThat(report.state()).isEqualTo(DeliveryReport.State.UNDELIVERABLE);
		assertThat(report.errorCode()).isEqualTo("30003");
		assertThat(report.at()).isAfterOrEqualTo(before.minusSeconds(1));
	}

	@Test
	void aForgedStatusIsRefusedAndNothingIsRecorded() {
		String body = "{\"id\":\"prov-44\",\"state\":\"DELIVERED\"}";

		assertProblem(post(statusPath(tenant), body, WebhookSignature.of("another-secret-of-some-length",
				bytes(body))), 403, "invalid-webhook-signature");
		assertProblem(post(statusPath(tenant), body, null), 403, "invalid-webhook-signature");

		assertThat(reports.of(tenant)).isEmpty();
	}

	@Test
	void malformedStatusesAreRefusedNamingTheField() {
		assertProblem(status(tenant, "{\"id\":"), 400, "malformed-body");
		assertFieldProblem(status(tenant, "{\"state\":\"DELIVERED\"}"), 422, "invalid-input", "id");
		assertFieldProblem(status(tenant, "{\"id\":\"p\",\"state\":\"sent\"}"), 422, "invalid-input", "state");
		assertFieldProblem(status(tenant, "{\"id\":7,\"state\":true}"), 422, "invalid-input", "id", "state");
		assertFieldProblem(status(tenant, "{\"id\":\"p\",\"state\":\"DELIVERED\",\"at\":\"03/01/2025\"}"), 422,
				"invalid-input", "at");
		Api.Response notJson = api.send(api.builder(statusPath(tenant))
			.header("Content-Type", "text/plain")
			.header(WebhookSignature.HEADER, WebhookSignature.of(SECRET, bytes("x")))
			.POST(HttpRequest.BodyPublishers.ofString("x")));
		assertThat(notJson.status()).isEqualTo(415);

		assertThat(reports.of(tenant)).isEmpty();
	}

	// requests and checks

	private Api.Response inbound(TenantId to, String json) {
		return post(inboundPath(to), json, WebhookSignature.of(SECRET, bytes(json)));
	}

	private Api.Response status(TenantId to, String json) {
		return post(statusPath(to), json, WebhookSignature.of(SECRET, bytes(json)));
	}

	private Api.Response post(String path, String json, String signature) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(bytes(json)));
		if (signature != null) {
			request.header(WebhookSignature.HEADER, signature);
		}
		return api.send(request);
	}

	private static String inboundPath(TenantId tenant) {
		return "/webhooks/sms/" + tenant.value() + "/inbound";
	}

	private static String statusPath(TenantId tenant) {
		return "/webhooks/sms/" + tenant.value() + "/status";
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private boolean suppressed(String e164) {
		return suppressions.isSuppressed(tenant, Channel.SMS, hashing.phone(tenant, new PhoneNumber(e164)));
	}

	private long count(String table) {
		return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = ?").param(tenant.value()).query(Long.class)
			.single();
	}

	/** Records delivery reports in place of the outbox. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Recording {

		@Bean
		@Primary
		RecordingDeliveryReports recordingDeliveryReports() {
			return new RecordingDeliveryReports();
		}
	}
}
