package org.optinel.campaigns;

import java.util.Objects;

/**
 * What an answer through a confirmation link came to.
 *
 * @param invitation what the link names, as it stands after the answer; {@code null} for {@link Result#UNKNOWN_LINK}
 */
public record LinkAnswer(Result result, Invitation invitation) {

	public LinkAnswer {
		Objects.requireNonNull(result, "result");
		if ((result == Result.UNKNOWN_LINK) != (invitation == null)) {
			throw new IllegalArgumentException("an answer names its invitation unless the link is unknown");
		}
	}

	/** The outcome; only {@link #RECORDED} wrote anything. */
	public enum Result {
		/** No launch gave this token. */
		UNKNOWN_LINK,
		/** The campaign is over, or nothing is asked of the recipient any more. */
		NOT_OPEN,
		/** A consent event was recorded for every asked purpose. */
		RECORDED,
		/** The same answer, on the same channel, already holds for every asked purpose: nothing new. */
		ALREADY_RECORDED
	}
}
