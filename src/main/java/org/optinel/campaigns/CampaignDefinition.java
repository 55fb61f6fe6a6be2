package org.optinel.campaigns;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.optinel.contacts.Lifecycle;

/**
 * What a campaign asks, of whom, how and until when.
 *
 * @param purposes the purposes it asks consent for
 * @param plan the channels it asks on
 * @param smsAfterDays with {@link ChannelPlan#EMAIL_THEN_SMS}: days after the email before an SMS goes to those who did not answer
 * @param questions the question per language ({@code fr}, {@code en}): published as the notice of each asked purpose, the text people answer (GDPR-02)
 * @param sms the SMS template per language; {@code {firstName}}, {@code {link}} and {@code {yes}} are filled in
 * @param email the email template per language
 * @param yesWords the replies that mean yes to an SMS survey (default OUI, YES)
 * @param noWords the replies that mean no to an SMS survey (default NON, NO): a refusal, recorded as {@code DENY}
 * @param deadline when the campaign closes by itself
 * @param remindersDaysBefore reminders, in days before the deadline (e.g. 7 and 1)
 * @param outcome what happens to non-responders at the deadline (DELETE by default, SEED-04)
 * @param lifecycles whom it asks (prospects and former clients by default)
 * @param noticeIds set by the service: the notice published for each purpose and language
 */
public record CampaignDefinition(String name, List<String> purposes, ChannelPlan plan, Integer smsAfterDays,
		Map<String, String> questions, Map<String, String> sms, Map<String, EmailTemplate> email, List<String> yesWords,
		List<String> noWords, Instant deadline, List<Integer> remindersDaysBefore, DeadlineOutcome outcome, List<Lifecycle> lifecycles,
		Map<String, Map<String, String>> noticeIds) {

	/** An email template: subject, text and optional HTML; {@code {firstName}} and {@code {link}} are filled in. */
	public record EmailTemplate(String subject, String text, String html) {
	}

	/** The definition with the notices published for it. */
	CampaignDefinition withNotices(Map<String, Map<String, String>> notices) {
		return new CampaignDefinition(name, purposes, plan, smsAfterDays, questions, sms, email, yesWords, noWords,
				deadline, remindersDaysBefore, outcome, lifecycles, notices);
	}
}
