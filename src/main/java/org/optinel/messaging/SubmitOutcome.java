package org.optinel.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What became of one submission. The distinction that matters is whether the message may have
 * reached the network: only {@link Retry} means certainly not, and only it may be sent again.
 */
public sealed interface SubmitOutcome {

	/** Every part was acknowledged by the provider, which gave these ids (one per part). */
	record Accepted(List<String> providerIds) implements SubmitOutcome {

		public Accepted {
			providerIds = List.copyOf(providerIds);
			if (providerIds.isEmpty()) {
				throw new IllegalArgumentException("an accepted message has at least one provider id");
			}
		}
	}

	/** Nothing was handed over (not connected, throttled too long): safe to send again later. */
	record Retry(String reason, Duration notBefore) implements SubmitOutcome {

		public Retry {
			Objects.requireNonNull(reason, "reason");
			Objects.requireNonNull(notBefore, "notBefore");
		}
	}

	/**
	 * The provider refused the message for good (bad number, barred sender): never resend.
	 *
	 * @param recipientRefused whether the refusal is about the recipient's address itself (an SMTP
	 *        5xx for the mailbox, an unknown number): the address then becomes a hard bounce
	 */
	record Rejected(String reason, boolean recipientRefused) implements SubmitOutcome {

		public Rejected {
			Objects.requireNonNull(reason, "reason");
		}

		public Rejected(String reason) {
			this(reason, false);
		}
	}

	/**
	 * The message may have reached the network but was not acknowledged whole (an answer that
	 * never came, a part refused after others were taken). Never resent automatically: a
	 * duplicate is worse than a message left to the delivery receipts to settle.
	 */
	record Uncertain(String reason, List<String> providerIds) implements SubmitOutcome {

		public Uncertain {
			Objects.requireNonNull(reason, "reason");
			providerIds = List.copyOf(providerIds);
		}
	}
}
