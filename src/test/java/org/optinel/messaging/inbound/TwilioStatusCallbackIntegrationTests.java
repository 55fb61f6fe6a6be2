package org.optinel.messaging.inbound;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optinel.core.TenantId;
import org.optinel.messaging.DeliveryReport;
import org.optinel.messaging.RecordingDeliveryReports;
import org.optinel.testing.Api;
import org.optinel.testing.TestTenants;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optinel.testing.ProblemAssertions.assertFieldProblem;
import static org.optinel.testing.ProblemAssertions.assertProblem;

/**
 * Twilio's status callbacks, signed as Twilio signs them: final statuses reach
 * {@link org.optinel.messaging.DeliveryReports}, others are ignored, and a forged or unsigned
 * callback records nothing; runs on SQLite and on PostgreSQL through its two subclasses.
 */
@Import(TwilioStatusCallbackIntegrationTests.Recording.class)
abstract class TwilioStatusCallbackIntegrationTests {

	static final String TOKEN = "twilio-secret-token";

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	RecordingDeliveryReports reports;

	Api api;

	TenantId tenant;

	@BeforeEach
	void aTenantWithATwilioAuthToken() {
		var issued = tenants.create();
		tenant = issued.tenant().id();
		api = new Api(port, issued.apiKey());
		Api.Response set = api.send(api.builder("/api/v1/inbound/sms/twilio")
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"authToken\":\"" + TOKEN + "\"}")));
		assertThat(set.status()).as(set.body()).isEqualTo(204);
	}

	@Test
	void aDeliveredStatusBecomesADeliveryReportForTheTenant() {
		Instant before = Instant.now();

		Api.Response response = signed(form("SM0001", "delivered", null));

		assertThat(response.status()).as(response.body()).isEqualTo(204);
		List<DeliveryReport> recorded = reports.of(tenant);
		assertThat(recorded).hasSize(1);
		assertThat(recorded.get(0).providerId()).isEqualTo("SM0001");
		assertThat(recorded.get(0).state()).isEqualTo(DeliveryReport.State.DELIVERED);
		assertThat(recorded.get(0).errorCode()).isEmpty();
		assertThat(recorded.get(0).at()).isAfterOrEqualTo(before.minusSeconds(1));
	}

	@Test
	void undeliveredAndFailedKeepTwiliosErrorCode() {
		signed(form("SM0002", "undelivered", "30003"));
		signed(form("SM0003", "failed", "30007"));

		assertThat(reports.of(tenant)).extracting(DeliveryReport::providerId, DeliveryReport::state,
				DeliveryReport::errorCode)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("SM0002", DeliveryReport.State.UNDELIVERABLE, "30003"),
					org.assertj.core.groups.Tuple.tuple("SM0003", DeliveryReport.State.REJECTED, "30007"));
	}

	@Test
	void statusesOnTheWayAreIgnored() {
		for (String status : List.of("queued", "sending", "sent", "accepted")) {
			assertThat(signed(form("SM0004", status, null)).status()).as(status).isEqualTo(204);
		}

		assertThat(reports.of(tenant)).isEmpty();
	}

	@Test
	void aWrongOrMissingSignatureIsRefusedAndNothingIsRecorded() {
		Map<String, List<String>> form = form("SM0005", "delivered", null);
		String url = url(tenant);

		assertProblem(post(url, form, TwilioSignature.of("another-token", url, form)), 403, "invalid-twilio-signature");
		assertProblem(post(url, form, null), 403, "invalid-twilio-signature");
		Map<String, List<String>> other = form("SM0005", "undelivered", null);
		assertProblem(post(url, form, TwilioSignature.of(TOKEN, url, other)), 403, "invalid-twilio-signature");

		assertThat(reports.of(tenant)).isEmpty();
	}

	@Test
	void aTenantWithoutATwilioAccountOrNoTenantIsNotFound() {
		TenantId without = tenants.create().tenant().id();
		Map<String, List<String>> form = form("SM0006", "delivered", null);

		assertProblem(post(url(without), form, TwilioSignature.of(TOKEN, url(without), form)), 404,
				"twilio-not-configured");
		String noTenant = "http://127.0.0.1:" + port + "/webhooks/twilio/not-a-tenant/status";
		assertProblem(post(noTenant, form, TwilioSignature.of(TOKEN, noTenant, form)), 404, "twilio-not-configured");

		assertThat(reports.of(without)).isEmpty();
	}

	@Test
	void aCallbackWithoutMessageSidIsABadRequestNamingTheField() {
		Map<String, List<String>> form = new LinkedHashMap<>(form("SM0007", "delivered", null));
		form.remove("MessageSid");

		assertFieldProblem(signed(form), 400, "missing-parameter", "MessageSid");
		Map<String, List<String>> noStatus = new LinkedHashMap<>(form("SM0007", "delivered", null));
		noStatus.remove("MessageStatus");
		noStatus.remove("SmsStatus");
		assertFieldProblem(signed(noStatus), 400, "missing-parameter", "MessageStatus");

		assertThat(reports.of(tenant)).isEmpty();
	}

	@Test
	void theTwilioStatusNamesTheCallbackPath() {
		assertThat(api.get("/api/v1/inbound/sms/twilio").text("statusCallbackPath"))
			.isEqualTo("/webhooks/twilio/" + tenant.value() + "/status");
	}

	// requests and checks

	/** A status callback as Twilio sends it. */
	private static Map<String, List<String>> form(String sid, String status, String errorCode) {
		Map<String, List<String>> form = new LinkedHashMap<>();
		form.put("MessageSid", List.of(sid));
		form.put("SmsSid", List.of(sid));
		form.put("AccountSid", List.of("AC0123456789abcdef0123456789abcdef"));
		form.put("From", List.of("+33700000000"));
		form.put("To", List.of("+33612345678"));
		form.put("MessageStatus", List.of(status));
		form.put("SmsStatus", List.of(status));
		form.put("ApiVersion", List.of("2010-04-01"));
		if (errorCode != null) {
			form.put("ErrorCode", List.of(errorCode));
		}
		return form;
	}

	private String url(TenantId to) {
		return "http://127.0.0.1:" + port + "/webhooks/twilio/" + to.value() + "/status";
	}

	private Api.Response signed(Map<String, List<String>> form) {
		return post(url(tenant), form, TwilioSignature.of(TOKEN, url(tenant), form));
	}

	private Api.Response post(String url, Map<String, List<String>> form, String signature) {
		StringBuilder body = new StringBuilder();
		form.forEach((name, values) -> values.forEach(v -> body.append(body.isEmpty() ? "" : "&")
			.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
			.append('=')
			.append(URLEncoder.encode(v, StandardCharsets.UTF_8))));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString()));
		if (signature != null) {
			request.header("X-Twilio-Signature", signature);
		}
		return api.send(request);
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
