package org.optinel.messaging.inbound;

import java.util.Objects;

import org.optinel.contacts.ContactId;

/**
 * An inbound SMS taken as the answer to a survey.
 *
 * @param survey what was answered, in the terms of the module that asked (a campaign id)
 * @param contact the contact the answer was recorded for
 */
public record SurveyAnswer(String survey, ContactId contact) {

	public SurveyAnswer {
		Objects.requireNonNull(survey, "survey");
		Objects.requireNonNull(contact, "contact");
	}
}
