package org.optinel.consent;

import org.optinel.core.OptinelException;
import org.optinel.core.ProblemKind;

/**
 * A confirmation that confirms nothing: wrong, expired, already used, or out of attempts (422).
 * The failed attempt is counted and kept although the request fails; nothing else is written.
 */
public class ConfirmationFailedException extends OptinelException {

	ConfirmationFailedException(String type, String title, String detail, int attemptsLeft) {
		super(ProblemKind.INVALID, type, title, detail);
		with("attemptsLeft", attemptsLeft);
	}
}
