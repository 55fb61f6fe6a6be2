package org.optinel.messaging.outbox;

/** What asked for a message. */
public enum Origin {

	/** A caller of the messages API. */
	API,
	/** A campaign step. */
	CAMPAIGN,
	/**
	 * A reply owed to an inbound message (opt-out confirmation, help). Replies are not marketing: no
	 * eligibility decision stands in their way, only their deadline (US-03).
	 */
	REPLY,
	/**
	 * A double opt-in confirmation that the person just asked for by submitting a hosted form: the
	 * link or code that turns their pending grant into consent. It is not marketing and needs no
	 * basis (the person has none yet: that is what it asks for), so the eligibility decision does not
	 * stand in its way, nor do the sending windows: the person is waiting for it.
	 * <p>
	 * The suppression list still does, as strictly as for marketing: on email any suppression of the
	 * address (for email or for all channels), on SMS any suppression of the number. The address on
	 * a public form may be typed by anyone, and someone who objected must not be written to at a
	 * stranger's request; and as an objection is absolute (GDPR-07) a confirmed grant could not
	 * lead to a single message anyway. The form does not tell the visitor, so the suppression list
	 * is not revealed through it.
	 */
	CONFIRMATION
}
