package org.optinel.consent;

/** What the person answered. */
public enum ConsentAction {
	GRANT, WITHDRAW, DENY
}
