package org.optinel.messaging.http;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.optinel.messaging.OutboundSms;
import org.optinel.messaging.SmsGateway;
import org.optinel.messaging.SubmitOutcome;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An SMS gateway that posts each message as signed JSON to a provider's URL:
 * {@code {"reference","from","to","text","statusUrl"}} ({@code statusUrl} is {@code null} when the
 * message asks for no receipt or none is configured), with {@code X-Optinel-Signature} (see
 * {@link WebhookSignature}) and {@code Idempotency-Key: <reference>}, so that a provider that keeps
 * keys can recognise a message it has already taken.
 * <p>
 * What each answer means, and the boundary between {@link SubmitOutcome.Retry} and
 * {@link SubmitOutcome.Uncertain}, which decides whether a message may be sent again:
 * <ul>
 * <li>2xx with {@code {"id": "..."}} or {@code {"ids": ["...", ...]}}: {@link SubmitOutcome.Accepted};
 * 2xx without an id: uncertain, since the provider took something.</li>
 * <li>429 and 503: nothing was taken; {@link SubmitOutcome.Retry} after {@code Retry-After}
 * (seconds or a date, at most an hour), or after a second when it gives none.</li>
 * <li>Another 4xx: {@link SubmitOutcome.Rejected}, never resent; {@code recipientRefused} when the
 * body says {@code "recipientRefused": true}. The reason is the body's {@code error} or
 * {@code message}, or the start of the body.</li>
 * <li>Another 5xx: uncertain.</li>
 * <li>No connection (refused, unresolvable host, connect timeout, TLS handshake failure): nothing
 * was written, so {@link SubmitOutcome.Retry}.</li>
 * <li>Once the request is on its way, any failure (no answer within the timeout, a dropped or
 * reset connection) is uncertain and never resent.</li>
 * </ul>
 * At most {@code concurrency} requests are in flight; further submissions wait their turn. The
 * futures always complete normally. After {@link #close()} submissions answer a retry.
 */
public final class JsonWebhookSmsGateway implements SmsGateway, AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JsonWebhookSettings settings;

	private final ProviderClient client;

	public JsonWebhookSmsGateway(JsonWebhookSettings settings, Clock clock) {
		this.settings = Objects.requireNonNull(settings, "settings");
		this.client = new ProviderClient("http-sms", settings.concurrency(), settings.timeout(),
				Objects.requireNonNull(clock, "clock"));
	}

	@Override
	public CompletableFuture<SubmitOutcome> submit(OutboundSms sms) {
		Objects.requireNonNull(sms, "sms");
		byte[] body = body(sms);
		HttpRequest request;
		try {
			request = HttpRequest.newBuilder(this.settings.url())
				.timeout(this.client.requestTimeout())
				.header("Content-Type", "application/json")
				.header("Accept", "application/json")
				.header(WebhookSignature.HEADER, WebhookSignature.of(this.settings.secret(), body))
				.header("Idempotency-Key", sms.reference())
				.POST(HttpRequest.BodyPublishers.ofByteArray(body))
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

	/** The exact bytes that are signed and sent. */
	byte[] body(OutboundSms sms) {
		ObjectNode message = JSON.createObjectNode();
		message.put("reference", sms.reference());
		message.put("from", sms.sender());
		message.put("to", sms.recipient());
		message.put("text", sms.text());
		java.net.URI statusUrl = sms.statusCallback() != null ? sms.statusCallback() : this.settings.statusUrl();
		if (sms.receiptRequested() && statusUrl != null) {
			message.put("statusUrl", statusUrl.toString());
		}
		else {
			message.putNull("statusUrl");
		}
		return JSON.writeValueAsBytes(message);
	}

	private SubmitOutcome outcome(HttpResponse<byte[]> response) {
		int status = response.statusCode();
		JsonNode body = ProviderClient.jsonObject(response.body());
		if (status >= 200 && status < 300) {
			List<String> ids = ids(body);
			if (ids.isEmpty()) {
				return new SubmitOutcome.Uncertain("the provider answered " + status + " without an id: "
						+ ProviderClient.snippet(response.body()), List.of());
			}
			return new SubmitOutcome.Accepted(ids);
		}
		if (status == 429 || status == 503) {
			return new SubmitOutcome.Retry("the provider answered " + status + ": " + error(body, response.body()),
					this.client.retryAfter(response));
		}
		if (status >= 400 && status < 500) {
			boolean recipient = body != null && body.path("recipientRefused").isBoolean()
					&& body.path("recipientRefused").asBoolean();
			return new SubmitOutcome.Rejected("the provider refused the message (HTTP " + status + "): "
					+ error(body, response.body()), recipient);
		}
		if (status >= 500) {
			return new SubmitOutcome.Uncertain("the provider answered " + status + ": " + error(body, response.body()),
					List.of());
		}
		return new SubmitOutcome.Rejected("the provider answered an unexpected " + status + "; check "
				+ JsonWebhookSettings.PREFIX + ".url (" + HttpSettings.printable(this.settings.url()) + ")");
	}

	/** {@code id}, or the non-blank strings of {@code ids}; empty when neither is there. */
	private static List<String> ids(JsonNode body) {
		if (body == null) {
			return List.of();
		}
		JsonNode id = body.get("id");
		if (id != null && id.isString() && !id.asString().isBlank()) {
			return List.of(id.asString());
		}
		List<String> ids = new ArrayList<>();
		JsonNode many = body.get("ids");
		if (many != null && many.isArray()) {
			for (JsonNode each : many) {
				if (!each.isString() || each.asString().isBlank()) {
					return List.of();
				}
				ids.add(each.asString());
			}
		}
		return ids;
	}

	private static String error(JsonNode body, byte[] raw) {
		for (String field : List.of("error", "message")) {
			JsonNode value = (body == null) ? null : body.get(field);
			if (value != null && value.isString() && !value.asString().isBlank()) {
				return value.asString();
			}
		}
		return ProviderClient.snippet(raw);
	}


	@Override
	public String toString() {
		return "JsonWebhookSmsGateway[" + this.settings + "]";
	}
}
