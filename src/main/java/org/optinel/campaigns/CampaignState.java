package org.optinel.campaigns;

/** Where a campaign stands. */
public enum CampaignState {
	/** Defined, previewable, nothing sent. */
	DRAFT,
	/** Launched: its messages are queued and answers count. */
	RUNNING,
	/** Its queued messages are held; answers still count. */
	PAUSED,
	/** Over: answers no longer count, non-responders were handed to the deadline's outcome. */
	CLOSED
}
