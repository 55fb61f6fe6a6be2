package org.optinel.consent;

import org.optinel.core.Channel;

/** How a person confirms a pending grant: a link with a token by email, a code by SMS. */
public enum ConfirmationMethod {

	EMAIL_TOKEN, SMS_CODE;

	/** The method used on a channel. */
	public static ConfirmationMethod on(Channel channel) {
		return channel == Channel.EMAIL ? EMAIL_TOKEN : SMS_CODE;
	}

	/** The name of the request field that carries the secret. */
	public String field() {
		return this == EMAIL_TOKEN ? "token" : "code";
	}
}
