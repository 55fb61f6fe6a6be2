package org.optinel.pages;

import java.util.List;

import org.optinel.consent.RecordedConsent;

/**
 * What a submission recorded: one grant per ticked box, in the form's order; none when no box was
 * ticked, and then no contact either.
 *
 * @param language the language the page was shown in
 * @param delivery the double opt-in confirmations queued for the grants left pending
 */
public record SubmittedForm(HostedForm form, String language, List<RecordedConsent> recorded,
		FormConfirmations.Delivery delivery) {

	public SubmittedForm {
		recorded = List.copyOf(recorded);
	}
}
