package org.optinel.consent;

import org.optinel.core.OptinelException;
import org.optinel.core.ProblemKind;

/**
 * A consent answer that a rule of RULES.md forbids recording. The problem type is the rule id in
 * lower case ({@code https://optinel.org/problems/gdpr-01}) and the detail names the rule.
 */
public class ConsentRefusedException extends OptinelException {

	public ConsentRefusedException(String rule, String detail) {
		super(ProblemKind.INVALID, rule.toLowerCase(java.util.Locale.ROOT), "Consent refused (" + rule + ")",
				rule + ": " + detail);
		with("rule", rule);
	}
}
