package org.optinel.campaigns;

import java.util.Set;

/** What became of a person a campaign asked. */
public enum RecipientState {
	/** Asked; no answer yet. */
	MESSAGED,
	/** Said yes: a grant was recorded for every asked purpose. */
	CONFIRMED,
	/** Said no: a refusal was recorded for every asked purpose. */
	DECLINED,
	/** Opted out on the channel it was asked on (STOP, unsubscribe): nothing more is asked of it. */
	OPTED_OUT,
	/** The message could not be delivered. */
	BOUNCED,
	/** The deadline passed without an answer. */
	NO_ANSWER,
	/** Removed at the deadline (SEED-04). */
	REMOVED;

	private static final Set<RecipientState> ANSWERING = Set.of(MESSAGED, CONFIRMED, DECLINED);

	/** The states in which an answer still counts; a later answer replaces an earlier one. */
	public static Set<RecipientState> answering() {
		return ANSWERING;
	}
}
