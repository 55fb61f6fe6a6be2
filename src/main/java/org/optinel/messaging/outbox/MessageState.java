package org.optinel.messaging.outbox;

/** Where an outbound message stands. */
public enum MessageState {

	/** Waiting for its next attempt. */
	QUEUED,
	/** Held with its campaign, which is paused; it goes back to {@link #QUEUED} when the campaign resumes. */
	HELD,
	/** Being handed to the provider; a crash now leaves it {@link #UNCERTAIN}, never sent again. */
	SUBMITTING,
	/** The provider acknowledged it. */
	SENT,
	/** Every part reached the handset or mailbox, as the provider reported. */
	DELIVERED,
	/** The provider reported that a part could not be delivered. */
	UNDELIVERED,
	/** Refused for good by the provider, or out of attempts. */
	FAILED,
	/** May have left: the provider's answer never came, or a crash interrupted the submission. Never sent again. */
	UNCERTAIN,
	/** The eligibility decision taken right before sending said no. */
	BLOCKED,
	/** Not sent before its deadline. */
	EXPIRED;

	/** Whether nothing more will be tried for the message (receipts may still move SENT on). */
	public boolean settled() {
		return this != QUEUED && this != SUBMITTING && this != HELD;
	}
}
