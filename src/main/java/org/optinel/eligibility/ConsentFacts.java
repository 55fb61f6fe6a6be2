package org.optinel.eligibility;

import java.time.Instant;
import java.util.Objects;

import org.optinel.consent.ConsentStatus;

/**
 * The current consent answer for one contact, channel and purpose; absent (null) when the person
 * never answered.
 *
 * @param since when that answer was given
 */
public record ConsentFacts(ConsentStatus status, Instant since) {

	public ConsentFacts {
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(since, "since");
	}
}
