package org.optinel.suppression;

/** Why an identifier is on the suppression list. */
public enum SuppressionReason {

	/** A STOP reply (or another opt-out keyword) by SMS (KW-01). */
	SMS_STOP,
	/** An unsubscribe link or one-click unsubscribe (EM-02). */
	EMAIL_UNSUBSCRIBE,
	/** An opt-out in the preference centre. */
	PREFERENCE_CENTRE,
	/** An objection to direct marketing (GDPR Art. 21, GDPR-07). */
	OBJECTION,
	/** The address does not exist. */
	HARD_BOUNCE,
	/** The person marked a message as spam. */
	COMPLAINT,
	/** Added by an administrator or an API client. */
	ADMIN,
	/** Part of an existing opt-out list brought in. */
	IMPORT
}
