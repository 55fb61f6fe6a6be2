package org.optinel.messaging.http.web;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.optinel.core.FieldViolation;
import org.optinel.core.Ids;
import org.optinel.core.InvalidInputException;
import org.optinel.core.IsoInstants;
import org.optinel.core.NotFoundException;
import org.optinel.core.OptinelException;
import org.optinel.core.ProblemKind;
import org.optinel.core.TenantId;
import org.optinel.messaging.DeliveryReport;
import org.optinel.messaging.DeliveryReports;
import org.optinel.messaging.http.JsonWebhookSettings;
import org.optinel.messaging.http.WebhookSignature;
import org.optinel.messaging.inbound.InboundProvider;
import org.optinel.messaging.inbound.InboundResult;
import org.optinel.messaging.inbound.InboundSms;
import org.optinel.messaging.inbound.InboundSmsManagement;
import org.optinel.tenancy.TenantManagement;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP SMS provider's webhooks: messages from people and delivery statuses, as JSON. The
 * provider cannot send an API key (these paths lie outside {@code /api/v1}, so none is asked), so
 * each request is admitted only with an {@code X-Optinel-Signature} of its raw body under the
 * secret of {@link JsonWebhookSettings}, checked in constant time before the body is even parsed.
 * A refused request changes nothing.
 * <p>
 * The settings are a bean only when {@code optinel.sms.http.secret} is set; without them both
 * endpoints answer 404 ("the http SMS provider is not configured"). The secret belongs to the
 * deployment, not to a tenant: whoever holds it may speak for every tenant. Fields this contract
 * does not name are ignored, so that a provider may send more. Statuses go to the application's
 * {@link DeliveryReports}, looked up on each call: while it has none, they answer 503 and nothing
 * is recorded.
 */
@RestController
@Tag(name = "Inbound SMS")
class JsonWebhookController {

	static final String INBOUND = "/webhooks/sms/{tenantId}/inbound";

	static final String STATUS = "/webhooks/sms/{tenantId}/status";

	private static final int MAX_ID = 200;

	private final ObjectProvider<JsonWebhookSettings> settings;

	private final ObjectProvider<DeliveryReports> reports;

	private final InboundSmsManagement inbound;

	private final TenantManagement tenants;

	private final JsonMapper json;

	private final Clock clock;

	JsonWebhookController(ObjectProvider<JsonWebhookSettings> settings, ObjectProvider<DeliveryReports> reports,
			InboundSmsManagement inbound, TenantManagement tenants, JsonMapper json, Clock clock) {
		this.settings = settings;
		this.reports = reports;
		this.inbound = inbound;
		this.tenants = tenants;
		this.json = json;
		this.clock = clock;
	}

	@PostMapping(path = INBOUND, consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "The HTTP provider's inbound SMS ({from, to, text, receivedAt, id}), signed with "
			+ "X-Optinel-Signature (200)", description = """
			Acts exactly like POST /api/v1/inbound/sms: STOP suppresses the number, and so on. id is the \\
			provider's id of the message: a second delivery of the same id changes nothing and answers \\
			duplicate=true. receivedAt (ISO 8601 with offset) is now when absent. A missing or wrong signature \\
			is a 403 and nothing is recorded.""")
	ResponseEntity<InboundAnswer> inbound(@PathVariable String tenantId,
			@RequestHeader(name = WebhookSignature.HEADER, required = false) String signature,
			@RequestBody(required = false) byte[] body) {
		JsonNode message = verified(body, signature);
		TenantId tenant = tenant(tenantId);
		List<FieldViolation> violations = new ArrayList<>();
		String from = text(message, "from", violations);
		String to = text(message, "to", violations);
		String text = text(message, "text", violations);
		String id = text(message, "id", violations);
		Instant receivedAt = instant(message, "receivedAt", violations);
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		InboundResult result;
		try {
			result = inbound.receive(tenant, new InboundSms(InboundProvider.HTTP, from, to, text, receivedAt, id));
		}
		catch (InvalidInputException e) {
			// The inbound pipeline calls the provider's id messageId; this contract calls it id.
			throw new InvalidInputException(e.violations()
				.stream()
				.map(v -> "messageId".equals(v.field()) ? new FieldViolation("id", v.message()) : v)
				.toList());
		}
		return ResponseEntity.ok(new InboundAnswer(result.message().messageId(), result.message().outcome().name(),
				result.duplicate()));
	}

	@PostMapping(path = STATUS, consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "The HTTP provider's delivery status ({id, state, at, errorCode}), signed with "
			+ "X-Optinel-Signature (204)", description = """
			id is the provider's id given when it accepted the message; state is one of DELIVERED, \\
			UNDELIVERABLE, EXPIRED, REJECTED, UNKNOWN (final states only); at (ISO 8601 with offset) is when \\
			the state was reached, now when absent; errorCode is the provider's, optional. A missing or wrong \\
			signature is a 403 and nothing is recorded.""")
	ResponseEntity<Void> status(@PathVariable String tenantId,
			@RequestHeader(name = WebhookSignature.HEADER, required = false) String signature,
			@RequestBody(required = false) byte[] body) {
		JsonNode status = verified(body, signature);
		TenantId tenant = tenant(tenantId);
		List<FieldViolation> violations = new ArrayList<>();
		String id = text(status, "id", violations);
		String state = text(status, "state", violations);
		Instant at = instant(status, "at", violations);
		String errorCode = code(status, "errorCode", violations);
		if (id == null || id.isBlank()) {
			if (!faulted(violations, "id")) {
				violations.add(new FieldViolation("id", "is required: the provider's id of the message"));
			}
		}
		else if (id.length() > MAX_ID || !id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
			violations.add(new FieldViolation("id", "must be printable ASCII without spaces, at most " + MAX_ID
					+ " characters"));
		}
		DeliveryReport.State known = state(state, violations);
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		DeliveryReports recorder = reports.getIfAvailable();
		if (recorder == null) {
			throw new OptinelException(ProblemKind.UNAVAILABLE, "delivery-reports-unavailable",
					"Delivery reports not recorded", "This server does not record delivery reports yet; nothing "
							+ "was recorded. Send the status again later.");
		}
		recorder.record(tenant, new DeliveryReport(id, known, at == null ? clock.instant() : at, errorCode));
		return ResponseEntity.noContent().build();
	}

	/** The body as a JSON object, once the provider is configured and the signature is the body's. */
	private JsonNode verified(byte[] body, String signature) {
		JsonWebhookSettings configured = settings.getIfAvailable();
		if (configured == null) {
			throw new OptinelException(ProblemKind.NOT_FOUND, "sms-provider-not-configured",
					"SMS provider not configured", "the http SMS provider is not configured: set "
							+ JsonWebhookSettings.PREFIX + ".url and " + JsonWebhookSettings.PREFIX + ".secret");
		}
		byte[] raw = (body == null) ? new byte[0] : body;
		if (!WebhookSignature.verify(configured.secret(), raw, signature)) {
			throw new OptinelException(ProblemKind.FORBIDDEN, "invalid-webhook-signature", "Invalid webhook signature",
					WebhookSignature.HEADER + " is missing or is not sha256=<hex HMAC-SHA256 of the raw body> under "
							+ "the shared secret. Nothing was recorded.");
		}
		JsonNode node;
		try {
			node = json.readTree(raw);
		}
		catch (JacksonException e) {
			throw malformed("The body is not valid JSON: " + e.getOriginalMessage());
		}
		if (node == null || !node.isObject()) {
			throw malformed("The body must be one JSON object.");
		}
		return node;
	}

	private TenantId tenant(String tenantId) {
		if (!Ids.isCanonical(tenantId)) {
			throw new NotFoundException("tenant", tenantId);
		}
		return tenants.require(TenantId.of(tenantId)).id();
	}

	/** A string field, or {@code null} when absent or null; another JSON type is a violation. */
	private static String text(JsonNode body, String field, List<FieldViolation> violations) {
		JsonNode value = body.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			violations.add(new FieldViolation(field, "must be a string"));
			return null;
		}
		return value.asString();
	}

	/** An error code, as a string or an integer. */
	private static String code(JsonNode body, String field, List<FieldViolation> violations) {
		JsonNode value = body.get(field);
		if (value != null && value.isIntegralNumber()) {
			return value.asString();
		}
		String code = text(body, field, violations);
		if (code != null && code.length() > 64) {
			violations.add(new FieldViolation(field, "must be at most 64 characters"));
		}
		return code;
	}

	private static Instant instant(JsonNode body, String field, List<FieldViolation> violations) {
		String text = text(body, field, violations);
		if (text == null) {
			return null;
		}
		try {
			return IsoInstants.parse(text.strip());
		}
		catch (DateTimeParseException e) {
			violations.add(new FieldViolation(field, "must be an ISO 8601 instant with offset, e.g. "
					+ "2025-03-01T09:30:00+01:00"));
			return null;
		}
	}

	private static DeliveryReport.State state(String state, List<FieldViolation> violations) {
		String allowed = Arrays.stream(DeliveryReport.State.values()).map(Enum::name).collect(Collectors.joining(", "));
		if (state == null || state.isBlank()) {
			if (!faulted(violations, "state")) {
				violations.add(new FieldViolation("state", "is required: one of " + allowed));
			}
			return null;
		}
		try {
			return DeliveryReport.State.valueOf(state.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			violations.add(new FieldViolation("state", "'" + state + "' is not one of " + allowed));
			return null;
		}
	}

	private static boolean faulted(List<FieldViolation> violations, String field) {
		return violations.stream().anyMatch(v -> v.field().equals(field));
	}

	private static OptinelException malformed(String detail) {
		return new OptinelException(ProblemKind.BAD_REQUEST, "malformed-body", "Malformed request body", detail);
	}

	/** What the inbound message led to. */
	record InboundAnswer(String id, String outcome, boolean duplicate) {
	}
}
