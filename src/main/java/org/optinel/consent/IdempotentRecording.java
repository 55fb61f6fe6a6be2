package org.optinel.consent;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.optinel.core.InvalidInputException;
import org.optinel.core.OptinelException;
import org.optinel.core.ProblemKind;
import org.optinel.core.TenantId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes a retried request safe: the first request with a key runs and its response is kept, in
 * the same transaction as what it wrote; a retry with the same key and the same request answers
 * the kept response and writes nothing; the same key with another request is a 409. Only
 * successful responses are kept: a refused request writes nothing, its key included, so that a
 * corrected retry may reuse the key. Keys are forgotten after {@code optinel.consent.idempotency.key-ttl}.
 */
@Service
public class IdempotentRecording {

	/** Visible ASCII, as HTTP header values are best kept; long enough for a UUID or a hash. */
	private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

	private final IdempotencyKeys keys;

	private final Clock clock;

	private final ConsentProperties properties;

	IdempotentRecording(IdempotencyKeys keys, Clock clock, ConsentProperties properties) {
		this.keys = keys;
		this.clock = clock;
		this.properties = properties;
	}

	/**
	 * Runs {@code request} once for {@code key}, or answers the response it gave.
	 * @param requestSha256 the hash of the request as understood, to tell a retry from another request
	 * @throws OptinelException 409 {@code idempotency-key-reused} when the key was used for another request
	 * @throws InvalidInputException when the key is empty, too long or not visible ASCII
	 */
	@Transactional
	public IdempotentResponse once(TenantId tenant, String key, String requestSha256, Supplier<IdempotentResponse> request) {
		if (key == null || !KEY.matcher(key).matches()) {
			throw new InvalidInputException("Idempotency-Key", "must be 1 to 255 visible ASCII characters, "
					+ "e.g. a UUID generated for the request and reused for its retries");
		}
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		if (keys.claim(tenant, key, requestSha256, now, now.plus(properties.idempotency().keyTtl()))) {
			IdempotentResponse response = request.get();
			keys.keep(tenant, key, response.status(), response.location(), response.bodyToKeep());
			return response;
		}
		IdempotencyKeys.Kept kept = keys.find(tenant, key)
			.orElseThrow(() -> new IllegalStateException("Idempotency key " + key + " is claimed but not kept"));
		if (!kept.requestSha256().equals(requestSha256)) {
			throw new OptinelException(ProblemKind.CONFLICT, "idempotency-key-reused", "Idempotency key reused",
					"The Idempotency-Key '" + key + "' was used for a different request; a retry must send the same "
							+ "request. Use a new key for a new request. Nothing was recorded.")
				.with("idempotencyKey", key);
		}
		return new IdempotentResponse(kept.status(), kept.location(), kept.body(), kept.body(), true);
	}
}
