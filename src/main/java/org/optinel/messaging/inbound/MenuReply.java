package org.optinel.messaging.inbound;

import java.util.Objects;

import org.optinel.contacts.ContactId;

/**
 * The reply a {@link SmsMenus} owes to a menu word.
 *
 * @param menu the word that was answered, normalised
 * @param contact the contact the reply is for, or {@code null} when no contact holds the number
 * @param text the reply, naming the sender (EP-03) and carrying no marketing
 */
public record MenuReply(String menu, ContactId contact, String text) {

	public MenuReply {
		Objects.requireNonNull(menu, "menu");
		Objects.requireNonNull(text, "text");
		if (text.isBlank()) {
			throw new IllegalArgumentException("a menu reply needs a text");
		}
	}
}
