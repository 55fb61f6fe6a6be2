package org.optinel.eligibility;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.optinel.core.Channel;
import org.optinel.core.TenantId;

/**
 * What the decision reads from the database: a read model over the contacts, their activities,
 * the consent states and the suppression list. Every call is scoped by tenant.
 */
public interface EligibilityStore {

	/** A contact's facts with its answer for (channel, purpose); empty when the contact does not exist. */
	Optional<StoredFacts> byContact(TenantId tenant, String contactId, Channel channel, String purpose,
			Collection<String> clientActivityTypes);

	/** The same, for the contact with this E.164 phone. */
	Optional<StoredFacts> byPhone(TenantId tenant, String e164, Channel channel, String purpose,
			Collection<String> clientActivityTypes);

	/** The same, for the contact with this email key (lower-cased). */
	Optional<StoredFacts> byEmail(TenantId tenant, String emailKey, Channel channel, String purpose,
			Collection<String> clientActivityTypes);

	/** The active suppressions on these hashes. */
	List<ActiveSuppression> suppressions(TenantId tenant, Collection<String> hashes);

	/**
	 * The contacts that may receive a message of (channel, purpose) at {@code at} as far as
	 * suppressions, addresses, consent, soft opt-in and B2B go: one set operation, rows handed to
	 * {@code sink} as they come (contact id and phone). Sending windows are the caller's.
	 */
	void audience(TenantId tenant, AudienceQuery query, Consumer<AudienceRow> sink);

	/** The contacts whose phone has this keyed hash: a scan of the contacts, for when the index is not loaded. */
	List<String> contactsWithPhoneHash(TenantId tenant, String phoneHash);

	/** How many contacts the tenant has. */
	int countContacts(TenantId tenant);

	/**
	 * The tenant's contacts, or those named (when {@code contactIds} is not null; at most
	 * {@link #MAX_NAMED} of them), without their activities.
	 */
	void forEachContact(TenantId tenant, Collection<String> contactIds, Consumer<ContactRow> sink);

	/** The last client-making activity of each contact that has one, or of each one named. */
	void forEachLastClientActivity(TenantId tenant, Collection<String> contactIds,
			Collection<String> clientActivityTypes, java.util.function.BiConsumer<String, Long> sink);

	/** Every consent state of the tenant, or of the contacts named. */
	void forEachState(TenantId tenant, Collection<String> contactIds, Consumer<StateRow> sink);

	/** Contacts named in one call of the {@code forEach} methods at most. */
	int MAX_NAMED = 500;

	/** Every active suppression of the tenant. */
	void forEachSuppression(TenantId tenant, Consumer<ActiveSuppression> sink);

	/** A contact's own facts. {@code lastClientActivityAt} is filled only by the one-contact reads. */
	record ContactRow(String contactId, String phone, String phoneHash, boolean hasEmail, String emailHash,
			boolean professional, boolean collectedInSale, boolean optOutOffered, Long lastClientActivityAt) {
	}

	/** A consent state. */
	record StateRow(String contactId, Channel channel, String purpose, org.optinel.consent.ConsentStatus status,
			long since) {
	}

	/** An active suppression entry: the hash, its scope (null for all channels) and whether it is an SMS STOP. */
	record ActiveSuppression(String hash, Channel scope, boolean smsStop) {
	}

	/**
	 * @param softOptIn whether the purpose allows a soft opt-in (marketing, similar products)
	 * @param clientSince a client-making activity at or after this instant makes a client (SEED-01)
	 * @param transactional a transactional purpose: consent is not looked at
	 */
	record AudienceQuery(Channel channel, String purpose, boolean transactional, boolean softOptIn,
			Collection<String> clientActivityTypes, Instant clientSince) {
	}

	/** One contact of an audience. */
	record AudienceRow(String contactId, String phone) {
	}
}
