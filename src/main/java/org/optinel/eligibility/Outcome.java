package org.optinel.eligibility;

/** The three answers of the eligibility decision. */
public enum Outcome {
	ALLOW, DENY, DEFER
}
