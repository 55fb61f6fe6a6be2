package org.optinel.messaging.inbound;

/** Why a reply is owed. None of them carries marketing. */
public enum ReplyKind {
	/** The one confirmation of an opt-out (US-03). */
	OPT_OUT_CONFIRMATION,
	/** Confirms that messages resume after an opt-in word (KW-02). */
	OPT_IN_CONFIRMATION,
	/** The sender's identity and how to stop (KW-03). */
	HELP,
	/** The answer of a {@link SmsMenus} to its word, such as a link to the preference centre. */
	MENU
}
