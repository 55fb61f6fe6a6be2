package org.optinel.preferences;

import java.util.Objects;

import org.optinel.core.Channel;

/**
 * One thing a person changed in the preference centre, for the confirmation page.
 *
 * @param purpose the purpose key, or {@code null} for a change of the whole channel
 */
public record PreferenceChange(Kind kind, Channel channel, String purpose) {

	public PreferenceChange {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(channel, "channel");
	}

	/** What changed. */
	public enum Kind {
		/** A consent given: a ticked box that was not ticked. */
		GRANTED,
		/** A consent withdrawn: an unticked box that was ticked, or everything stopped. */
		WITHDRAWN,
		/** The channel's suppression lifted, because the person ticked a box of it (KW-02). */
		RESUMED,
		/** The channel put on the suppression list, because the person stopped everything (GDPR-07). */
		STOPPED
	}
}
