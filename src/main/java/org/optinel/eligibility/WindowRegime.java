package org.optinel.eligibility;

/** Which country's sending-window rules a number falls under. */
public enum WindowRegime {

	/** Monday to Saturday, not on French public holidays, within 08:00-22:00 local (FR-07). */
	FRANCE,
	/** Every day within 08:00-21:00 local (US-05). */
	UNITED_STATES,
	/** No sending window is known for the number's country. */
	NONE
}
