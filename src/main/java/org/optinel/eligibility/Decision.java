package org.optinel.eligibility;

import java.time.Instant;
import java.util.Objects;

/**
 * The answer of the eligibility decision. {@code rule} names the row of the order (RULES.md) or
 * the rule id that decided, so that a caller can tell a person why.
 */
public sealed interface Decision permits Decision.Allow, Decision.Deny, Decision.Defer {

	Outcome outcome();

	/** The rule that decided: a rule id (GDPR-07, EP-02, FR-07...). */
	String rule();

	/** The basis of an ALLOW, or of the ALLOW a DEFER postpones; null for a DENY. */
	default Basis basis() {
		return null;
	}

	/** The reason of a DENY; null otherwise. */
	default DenyReason reason() {
		return null;
	}

	/** The earliest lawful instant of a DEFER; null otherwise. */
	default Instant notBefore() {
		return null;
	}

	/** A consent older than the refresh period: still a basis, but a re-permission target (EDPB-02). */
	default boolean stale() {
		return false;
	}

	/** May go now. */
	record Allow(Basis basis, String rule, boolean stale) implements Decision {

		public Allow {
			Objects.requireNonNull(basis, "basis");
			Objects.requireNonNull(rule, "rule");
		}

		@Override
		public Outcome outcome() {
			return Outcome.ALLOW;
		}
	}

	/** May not go. */
	record Deny(DenyReason reason, String rule) implements Decision {

		public Deny {
			Objects.requireNonNull(reason, "reason");
			Objects.requireNonNull(rule, "rule");
		}

		@Override
		public Outcome outcome() {
			return Outcome.DENY;
		}
	}

	/** Would be allowed, but not before {@code notBefore} (a sending window). */
	record Defer(Basis basis, Instant notBefore, String rule, boolean stale) implements Decision {

		public Defer {
			Objects.requireNonNull(basis, "basis");
			Objects.requireNonNull(notBefore, "notBefore");
			Objects.requireNonNull(rule, "rule");
		}

		@Override
		public Outcome outcome() {
			return Outcome.DEFER;
		}
	}
}
