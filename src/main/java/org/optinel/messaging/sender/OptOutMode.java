package org.optinel.messaging.sender;

/**
 * What happens to a marketing SMS whose text lacks the opt-out mention or the brand (FR-05, EP-03).
 */
public enum OptOutMode {

	/** The missing mention and brand are added on a last line; the cost estimate counts them. */
	APPEND,

	/** The text is refused with what it lacks, so that the author writes the mention where it reads best. */
	REFUSE
}
