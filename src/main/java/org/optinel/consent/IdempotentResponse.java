package org.optinel.consent;

/**
 * A response to a request with an {@code Idempotency-Key}: as sent now, and as kept for retries.
 * The kept body may leave out what must not be stored, such as a confirmation's secret.
 *
 * @param location the {@code Location} header, or {@code null}
 * @param body the body to answer with
 * @param bodyToKeep the body kept for retries
 * @param replayed this is the kept response of an earlier request with the same key
 */
public record IdempotentResponse(int status, String location, String body, String bodyToKeep, boolean replayed) {

	/** A fresh response, kept as it is sent. */
	public static IdempotentResponse of(int status, String location, String body) {
		return new IdempotentResponse(status, location, body, body, false);
	}
}
