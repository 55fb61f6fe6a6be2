package org.optinel.pages;

import java.util.List;

import org.optinel.consent.RecordedConsent;

/**
 * What a submission recorded: one grant per ticked box, in the form's order; none when no box was
 * ticked, and then no contact either.
 *
 * @param language the language the page was shown in
 */
public record SubmittedForm(HostedForm form, String language, List<RecordedConsent> recorded) {

	public SubmittedForm {
		recorded = List.copyOf(recorded);
	}
}
