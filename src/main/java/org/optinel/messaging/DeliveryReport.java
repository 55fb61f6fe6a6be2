package org.optinel.messaging;

import java.time.Instant;
import java.util.Objects;

/**
 * A provider's report on one message part it accepted earlier.
 *
 * @param providerId the id the provider gave when it accepted the part
 * @param state the final state
 * @param at when the provider says the state was reached (or when the report arrived)
 * @param errorCode the provider's error code, empty when none
 */
public record DeliveryReport(String providerId, State state, Instant at, String errorCode) {

	public DeliveryReport {
		Objects.requireNonNull(providerId, "providerId");
		Objects.requireNonNull(state, "state");
		Objects.requireNonNull(at, "at");
		errorCode = (errorCode == null) ? "" : errorCode;
	}

	/** Final states a provider reports. */
	public enum State {

		DELIVERED, UNDELIVERABLE, EXPIRED, REJECTED, UNKNOWN;

		/** Whether the message reached the handset. */
		public boolean delivered() {
			return this == DELIVERED;
		}
	}
}
