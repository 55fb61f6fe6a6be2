package org.optinel.contacts.importing;

import java.util.List;

import org.optinel.contacts.ActivityType;

/**
 * One valid row of an import file, normalised: E.164 phone, trimmed email and its lower-cased key,
 * and the tenant's keyed hashes of both. A {@code null} field was empty in the file and leaves an
 * existing contact's value alone.
 */
public record ImportRow(long line, String externalRef, String email, String emailKey, String phone, String firstName,
		String lastName, String locale, String country, Boolean professional, Boolean collectedInSale,
		Boolean optOutOffered, List<Act> acts, String phoneHash, String emailHash) {

	/** An activity of the row's contact, at epoch milliseconds {@code at}. */
	public record Act(ActivityType type, long at) {
	}
}
