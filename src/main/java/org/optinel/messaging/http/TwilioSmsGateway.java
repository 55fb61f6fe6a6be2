package org.optinel.messaging.http;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.optinel.messaging.OutboundSms;
import org.optinel.messaging.SmsGateway;
import org.optinel.messaging.SubmitOutcome;
import tools.jackson.databind.JsonNode;

/**
 * An SMS gateway over Twilio's Messages API (or any provider that speaks it): each message is one
 * {@code POST {baseUrl}/2010-04-01/Accounts/{accountSid}/Messages.json} with the form fields
 * {@code To}, {@code From}, {@code Body} and, when the message asks for a receipt and a callback
 * is configured, {@code StatusCallback}, under HTTP Basic auth (account SID, auth token). Twilio
 * splits long texts itself and gives one message SID.
 * <p>
 * What each answer means, and the boundary between {@link SubmitOutcome.Retry} and
 * {@link SubmitOutcome.Uncertain}, which decides whether a message may be sent again:
 * <ul>
 * <li>2xx with a {@code sid}: {@link SubmitOutcome.Accepted} with that SID; 2xx without one:
 * uncertain, since Twilio took something.</li>
 * <li>429 and 503: Twilio took nothing; {@link SubmitOutcome.Retry} after {@code Retry-After}
 * (seconds or a date, at most an hour), or after a second when it gives none.</li>
 * <li>Another 4xx: {@link SubmitOutcome.Rejected}, never resent. Errors 21211 (invalid {@code To}),
 * 21614 (not a mobile number) and 21610 (the recipient replied STOP to Twilio) refuse the
 * recipient itself ({@code recipientRefused}); the others (bad sender, credentials, body) do not.</li>
 * <li>Another 5xx: uncertain. Twilio may have queued the message before failing.</li>
 * <li>No connection (refused, unresolvable host, connect timeout, TLS handshake failure): nothing
 * was written, so {@link SubmitOutcome.Retry}.</li>
 * <li>Once the request is on its way, any failure (no answer within the timeout, a dropped or
 * reset connection) is uncertain and never resent: a duplicate is worse than a message left to
 * the delivery statuses to settle.</li>
 * </ul>
 * At most {@code concurrency} requests are in flight; further submissions wait their turn. The
 * futures always complete normally. After {@link #close()} submissions answer a retry.
 */
public final class TwilioSmsGateway implements SmsGateway, AutoCloseable {

	/** Twilio error codes that refuse the recipient's number itself. */
	static final Set<Integer> RECIPIENT_ERRORS = Set.of(21211, 21614, 21610);

	private final TwilioSettings settings;

	private final ProviderClient client;

	private final String authorization;

	public TwilioSmsGateway(TwilioSettings settings, Clock clock) {
		this.settings = Objects.requireNonNull(settings, "settings");
		this.client = new ProviderClient("twilio", settings.concurrency(), settings.timeout(),
				Objects.requireNonNull(clock, "clock"));
		this.authorization = "Basic " + Base64.getEncoder()
			.encodeToString((settings.accountSid() + ":" + settings.authToken()).getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public CompletableFuture<SubmitOutcome> submit(OutboundSms sms) {
		Objects.requireNonNull(sms, "sms");
		HttpRequest request;
		try {
			request = HttpRequest.newBuilder(this.settings.messagesUrl())
				.timeout(this.client.requestTimeout())
				.header("Authorization", this.authorization)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(form(sms)))
				.build();
		}
		catch (IllegalArgumentException e) {
			return CompletableFuture.completedFuture(new SubmitOutcome.Rejected("cannot build the request: "
					+ e.getMessage()));
		}
		return this.client.submit(request, this::outcome);
	}

	@Override
	public void close() {
		this.client.close();
	}

	/** The form body, fields in the order Twilio documents them. */
	String form(OutboundSms sms) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("To", sms.recipient());
		fields.put("From", sms.sender());
		fields.put("Body", sms.text());
		java.net.URI callback = sms.statusCallback() != null ? sms.statusCallback() : this.settings.statusCallback();
		if (sms.receiptRequested() && callback != null) {
			fields.put("StatusCallback", callback.toString());
		}
		return fields.entrySet()
			.stream()
			.map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
	}

	private SubmitOutcome outcome(HttpResponse<byte[]> response) {
		int status = response.statusCode();
		JsonNode body = ProviderClient.jsonObject(response.body());
		if (status >= 200 && status < 300) {
			String sid = text(body, "sid");
			if (sid == null) {
				return new SubmitOutcome.Uncertain("Twilio answered " + status + " without a message sid: "
						+ ProviderClient.snippet(response.body()), List.of());
			}
			return new SubmitOutcome.Accepted(List.of(sid));
		}
		if (status == 429 || status == 503) {
			return new SubmitOutcome.Retry("Twilio answered " + status + ": " + error(body, response.body()),
					this.client.retryAfter(response));
		}
		if (status >= 400 && status < 500) {
			int code = (body == null) ? 0 : body.path("code").asInt(0);
			return new SubmitOutcome.Rejected("Twilio refused the message (HTTP " + status + "): "
					+ error(body, response.body()), RECIPIENT_ERRORS.contains(code));
		}
		if (status >= 500) {
			return new SubmitOutcome.Uncertain("Twilio answered " + status + ": " + error(body, response.body()),
					List.of());
		}
		return new SubmitOutcome.Rejected("Twilio answered an unexpected " + status + "; check "
				+ TwilioSettings.PREFIX + ".base-url (" + HttpSettings.printable(this.settings.baseUrl()) + ")");
	}

	/** Twilio's {@code code} and {@code message}, or the start of the body. */
	private static String error(JsonNode body, byte[] raw) {
		String message = text(body, "message");
		if (message == null) {
			return ProviderClient.snippet(raw);
		}
		int code = body.path("code").asInt(0);
		return (code == 0) ? message : "error " + code + ", " + message;
	}


	private static String text(JsonNode body, String field) {
		if (body == null) {
			return null;
		}
		JsonNode value = body.get(field);
		return (value != null && value.isString() && !value.asString().isBlank()) ? value.asString() : null;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "TwilioSmsGateway[" + this.settings + "]";
	}
}
