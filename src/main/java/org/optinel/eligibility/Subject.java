package org.optinel.eligibility;

import org.optinel.contacts.ContactId;
import org.optinel.core.EmailAddress;
import org.optinel.core.PhoneNumber;

/** Whom a decision is about: a contact by id, or a phone or an email that may or may not be in the base. */
public record Subject(ContactId contact, PhoneNumber phone, EmailAddress email) {

	public Subject {
		int named = (contact == null ? 0 : 1) + (phone == null ? 0 : 1) + (email == null ? 0 : 1);
		if (named != 1) {
			throw new IllegalArgumentException("a subject is a contact, a phone or an email");
		}
	}

	public static Subject of(ContactId contact) {
		return new Subject(contact, null, null);
	}

	public static Subject of(PhoneNumber phone) {
		return new Subject(null, phone, null);
	}

	public static Subject of(EmailAddress email) {
		return new Subject(null, null, email);
	}
}
