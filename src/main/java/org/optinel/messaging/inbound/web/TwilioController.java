package org.optinel.messaging.inbound.web;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.optinel.core.FieldViolation;
import org.optinel.core.Ids;
import org.optinel.core.InvalidInputException;
import org.optinel.core.OptinelException;
import org.optinel.core.ProblemKind;
import org.optinel.core.TenantId;
import org.optinel.messaging.DeliveryReport;
import org.optinel.messaging.DeliveryReports;
import org.optinel.messaging.MessagingProperties;
import org.optinel.messaging.inbound.InboundProvider;
import org.optinel.messaging.inbound.InboundSms;
import org.optinel.messaging.inbound.InboundSmsManagement;
import org.optinel.messaging.inbound.TwilioManagement;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Twilio's messaging webhooks: messages from people, and the delivery statuses of messages sent.
 * Twilio cannot send an API key, so the tenant is named in the path and the request is admitted
 * only with a valid {@code X-Twilio-Signature} under the tenant's auth token; a refused request
 * changes nothing. Final statuses go to the application's {@link DeliveryReports}, looked up on
 * each call: while it has none, they answer 503 and nothing is recorded.
 */
@RestController
@Tag(name = "Inbound SMS")
class TwilioController {

	static final String WEBHOOK = "/webhooks/twilio/{tenantId}/sms";

	static final String STATUS_CALLBACK = "/webhooks/twilio/{tenantId}/status";

	private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

	private final TwilioManagement twilio;

	private final InboundSmsManagement inbound;

	private final MessagingProperties properties;

	private final ObjectProvider<DeliveryReports> reports;

	private final Clock clock;

	TwilioController(TwilioManagement twilio, InboundSmsManagement inbound, MessagingProperties properties,
			ObjectProvider<DeliveryReports> reports, Clock clock) {
		this.twilio = twilio;
		this.inbound = inbound;
		this.properties = properties;
		this.reports = reports;
		this.clock = clock;
	}

	@PutMapping(InboundSmsController.PATH + "/twilio")
	@Operation(summary = "Set the Twilio auth token that signs the tenant's webhook requests (204)")
	ResponseEntity<Void> setAuthToken(TenantId tenant, @RequestBody AuthToken body) {
		twilio.setAuthToken(tenant, body == null ? null : body.authToken());
		return ResponseEntity.noContent().build();
	}

	@GetMapping(InboundSmsController.PATH + "/twilio")
	@Operation(summary = "Whether a Twilio auth token is set, and the webhook path to give Twilio")
	TwilioStatus status(TenantId tenant) {
		return new TwilioStatus(twilio.configured(tenant), WEBHOOK.replace("{tenantId}", tenant.value()),
				STATUS_CALLBACK.replace("{tenantId}", tenant.value()));
	}

	@PostMapping(path = WEBHOOK, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
			produces = MediaType.TEXT_XML_VALUE)
	@Operation(summary = "Twilio's inbound SMS webhook (From, To, Body, MessageSid), signed with X-Twilio-Signature",
			description = "A missing or wrong signature is a 403 and nothing is recorded. Answers empty TwiML: "
					+ "replies are delivered through the outbox, never inline.")
	ResponseEntity<String> webhook(@PathVariable String tenantId, HttpServletRequest request,
			@RequestHeader(name = "X-Twilio-Signature", required = false) String signature) {
		Map<String, List<String>> params = postParameters(request);
		TenantId tenant = twilio.verify(tenantId, url(request), params, signature);
		String body = first(params, "Body");
		inbound.receive(tenant, new InboundSms(InboundProvider.TWILIO, first(params, "From"), first(params, "To"),
				body == null ? "" : body, null, first(params, "MessageSid")));
		return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(EMPTY_TWIML);
	}

	@PostMapping(path = STATUS_CALLBACK, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	@Operation(summary = "Twilio's status callback (MessageSid, MessageStatus, ErrorCode), signed with "
			+ "X-Twilio-Signature (204)", description = """
			A final status becomes a delivery report: delivered (and read) as DELIVERED, undelivered as \
			UNDELIVERABLE, failed and canceled as REJECTED (Twilio never handed the message to a carrier). \
			Other statuses (queued, sending, sent, accepted...) are not final and are ignored. A tenant without \
			a Twilio auth token is a 404; a missing or wrong signature is a 403 and nothing is recorded.""")
	ResponseEntity<Void> statusCallback(@PathVariable String tenantId, HttpServletRequest request,
			@RequestHeader(name = "X-Twilio-Signature", required = false) String signature) {
		if (!Ids.isCanonical(tenantId) || !twilio.configured(TenantId.of(tenantId))) {
			throw new OptinelException(ProblemKind.NOT_FOUND, "twilio-not-configured", "No Twilio account",
					"No tenant '" + tenantId + "' with a Twilio auth token: set one with PUT "
							+ InboundSmsController.PATH + "/twilio. Nothing was recorded.");
		}
		Map<String, List<String>> params = postParameters(request);
		TenantId tenant = twilio.verify(tenantId, url(request), params, signature);
		String sid = required(params, "MessageSid", "the SID of the message whose status this is");
		String status = first(params, "MessageStatus");
		if (status == null) {
			status = first(params, "SmsStatus");
		}
		if (status == null || status.isBlank()) {
			throw missing("MessageStatus", "the message's status, such as delivered or undelivered");
		}
		DeliveryReport.State state = finalState(status.strip());
		if (state == null) {
			return ResponseEntity.noContent().build();
		}
		DeliveryReports recorder = reports.getIfAvailable();
		if (recorder == null) {
			throw new OptinelException(ProblemKind.UNAVAILABLE, "delivery-reports-unavailable",
					"Delivery reports not recorded", "This server does not record delivery reports yet; nothing "
							+ "was recorded. Send the status again later.");
		}
		recorder.record(tenant, new DeliveryReport(sid, state, clock.instant(), first(params, "ErrorCode")));
		return ResponseEntity.noContent().build();
	}

	/**
	 * What a Twilio message status says of delivery, or {@code null} when it is not final. Failed
	 * and canceled messages never reached a carrier: Twilio refused them.
	 */
	private static DeliveryReport.State finalState(String status) {
		switch (status.toLowerCase(Locale.ROOT)) {
			case "delivered":
			case "read":
				return DeliveryReport.State.DELIVERED;
			case "undelivered":
				return DeliveryReport.State.UNDELIVERABLE;
			case "failed":
			case "canceled":
				return DeliveryReport.State.REJECTED;
			default:
				return null;
		}
	}

	private static String required(Map<String, List<String>> params, String name, String what) {
		String value = first(params, name);
		if (value == null || value.isBlank()) {
			throw missing(name, what);
		}
		return value.strip();
	}

	private static OptinelException missing(String name, String what) {
		return new OptinelException(ProblemKind.BAD_REQUEST, "missing-parameter", "Missing parameter",
				name + ": is required: " + what).with("errors", List.of(new FieldViolation(name, "is required: " + what)));
	}

	/** The URL as Twilio requested it: the configured public base, or what this server saw. */
	private String url(HttpServletRequest request) {
		String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
		if (properties.publicBaseUrl() != null) {
			String base = properties.publicBaseUrl().toString().replaceAll("/+$", "");
			return base + request.getRequestURI() + query;
		}
		return request.getRequestURL().toString() + query;
	}

	/** The form parameters of the body: the servlet's parameters without those of the query string. */
	private static Map<String, List<String>> postParameters(HttpServletRequest request) {
		Map<String, List<String>> params = new LinkedHashMap<>();
		request.getParameterMap().forEach((name, values) -> params.put(name, new ArrayList<>(List.of(values))));
		if (request.getQueryString() != null) {
			MultiValueMap<String, String> query = UriComponentsBuilder.fromUriString("?" + request.getQueryString())
				.build(true)
				.getQueryParams();
			query.forEach((name, values) -> {
				List<String> all = params.get(decode(name));
				if (all != null) {
					values.forEach(v -> all.remove(v == null ? "" : decode(v)));
					if (all.isEmpty()) {
						params.remove(decode(name));
					}
				}
			});
		}
		return params;
	}

	private static String decode(String value) {
		return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
	}

	private static String first(Map<String, List<String>> params, String name) {
		List<String> values = params.get(name);
		if (values != null && values.size() > 1) {
			throw new InvalidInputException(name, "is given " + values.size() + " times; send it once");
		}
		return values == null || values.isEmpty() ? null : values.get(0);
	}

	/** The Twilio account's auth token. */
	record AuthToken(String authToken) {
	}

	/** Whether a token is set, and where Twilio must post messages and statuses. */
	record TwilioStatus(boolean configured, String webhookPath, String statusCallbackPath) {
	}
}
