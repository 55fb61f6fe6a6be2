package org.optinel.contacts;

/**
 * A filter over a tenant's contacts, read in id order from just after {@code after}.
 *
 * @param lifecycle only contacts in this lifecycle, or all when {@code null}
 * @param hasPhone only contacts with (true) or without (false) a phone, or all when {@code null}
 * @param hasEmail likewise for the email
 * @param text a fragment of a name or email, or a phone number in any usual form
 * @param after the cursor: the id of the last contact of the previous page
 * @param limit the page size
 */
public record ContactQuery(Lifecycle lifecycle, Boolean hasPhone, Boolean hasEmail, String text, ContactId after,
		int limit) {

	public static final int MAX_LIMIT = 500;
}
