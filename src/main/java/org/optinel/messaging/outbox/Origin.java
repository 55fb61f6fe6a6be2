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
	REPLY
}
