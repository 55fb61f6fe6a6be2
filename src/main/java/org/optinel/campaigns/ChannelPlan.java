package org.optinel.campaigns;

import java.util.List;

import org.optinel.core.Channel;

/** Which channels a campaign asks on. */
public enum ChannelPlan {
	/** A grouped email with a confirmation link. */
	EMAIL(List.of(Channel.EMAIL)),
	/** An SMS survey: reply a keyword (OUI) or follow the link. */
	SMS(List.of(Channel.SMS)),
	/** Email first; an SMS to those who did not answer after {@code smsAfterDays}, or who have no email. */
	EMAIL_THEN_SMS(List.of(Channel.EMAIL, Channel.SMS));

	private final List<Channel> channels;

	ChannelPlan(List<Channel> channels) {
		this.channels = channels;
	}

	public List<Channel> channels() {
		return channels;
	}
}
