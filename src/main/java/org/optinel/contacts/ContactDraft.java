package org.optinel.contacts;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Contact fields as a caller sent them, before any validation. {@code present} names the fields
 * the caller gave (by their API names): a field that is present with a {@code null} value is
 * cleared by a patch, an absent one is left alone.
 */
public record ContactDraft(String externalRef, String email, String phone, String firstName, String lastName,
		String locale, String country, Boolean professional, Boolean collectedInSale, Boolean optOutOffered,
		Set<String> present) {

	public static final Set<String> FIELDS = Set.of("externalRef", "email", "phone", "firstName", "lastName", "locale",
			"country", "professional", "collectedInSale", "optOutOffered");

	public ContactDraft {
		present = Set.copyOf(present);
	}

	/** A draft whose present fields are those with a value. */
	public static ContactDraft of(String externalRef, String email, String phone, String firstName, String lastName,
			String locale, String country, Boolean professional, Boolean collectedInSale, Boolean optOutOffered) {
		Set<String> present = new LinkedHashSet<>();
		Object[] values = { externalRef, email, phone, firstName, lastName, locale, country, professional,
				collectedInSale, optOutOffered };
		String[] names = { "externalRef", "email", "phone", "firstName", "lastName", "locale", "country", "professional",
				"collectedInSale", "optOutOffered" };
		for (int i = 0; i < values.length; i++) {
			if (values[i] != null) {
				present.add(names[i]);
			}
		}
		return new ContactDraft(externalRef, email, phone, firstName, lastName, locale, country, professional,
				collectedInSale, optOutOffered, present);
	}

	public boolean has(String field) {
		return present.contains(field);
	}
}
