package org.optinel.messaging.inbound;

/** What an inbound message led to. */
public enum InboundOutcome {
	/** An opt-out: the number is now suppressed on SMS and its marketing consents withdrawn (KW-01). */
	OPTED_OUT,
	/** An opt-out from a number already suppressed on SMS: nothing new, no second confirmation (US-03). */
	ALREADY_OPTED_OUT,
	/** An opt-in word: the number's SMS suppression lifted, if any, and the mapped consents granted (KW-02). */
	OPTED_IN,
	/** An opt-in word that the tenant maps to no purpose: nothing lifted, kept as an interaction (KW-02). */
	OPT_IN_NOT_CONFIGURED,
	/**
	 * The answer to a survey that asked the sender (SEED-03), taken by a {@link SurveyReplies}: its
	 * consent events are recorded, and it counts as an interaction (FR-09).
	 */
	SURVEY_ANSWERED,
	/** A help word: one reply with the sender's identity and how to stop (KW-03). */
	HELP,
	/**
	 * A menu word of a {@link SmsMenus} from a contact: its reply is owed, and it counts as an
	 * interaction (FR-09). From a number no contact holds, the reply says so and the outcome is
	 * {@link #UNKNOWN_SENDER}.
	 */
	MENU_ANSWERED,
	/** Other text from a contact: an {@code INTERACTION} activity (FR-09). */
	INTERACTION,
	/** Other text from a number no contact holds: the message is kept, nothing else. */
	UNKNOWN_SENDER
}
