package org.optinel.contacts;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.optinel.core.Channel;
import org.optinel.core.TenantId;

/** Storage of contacts and their activities. Every call is scoped by tenant. */
public interface Contacts {

	Optional<Contact> find(TenantId tenant, ContactId id);

	/** The contacts (at most one per key) that hold any of these identifiers; nulls are ignored. */
	Matches match(TenantId tenant, String phone, String emailKey, String externalRef);

	void insert(Contact contact);

	void update(Contact contact);

	/** The contacts of one page of a query, in id order; {@code limit + 1} rows to tell if more follow. */
	List<Contact> list(TenantId tenant, ContactQuery query, Set<String> clientTypes, Instant clientWindowStart,
			String phone);

	ActivityFacts facts(TenantId tenant, ContactId id, Set<String> clientTypes);

	Map<ContactId, ActivityFacts> facts(TenantId tenant, Collection<ContactId> ids, Set<String> clientTypes);

	/** Records an activity; false when the same activity (type and instant) was already there. */
	boolean addActivity(TenantId tenant, ContactId contact, ActivityType type, Instant occurredAt, Instant recordedAt,
			String importId);

	/** Those of these ids that name a contact of the tenant. */
	Set<ContactId> existing(TenantId tenant, Collection<ContactId> ids);

	/** The channels on which each of these contacts is on the suppression list; absent when none. */
	Map<ContactId, Set<Channel>> suppressedChannels(TenantId tenant, Collection<ContactId> ids);

	/** The contacts of these ids that exist, in id order; one query per 500 ids. */
	List<Contact> findAll(TenantId tenant, Collection<ContactId> ids);

	/** The activities of a contact, oldest first. */
	List<Activity> activities(TenantId tenant, ContactId id);

	/** How many activities these contacts have; one query per 500 ids. */
	long countActivities(TenantId tenant, Collection<ContactId> ids);

	/** Deletes these contacts and their activities; answers how many contacts it deleted. */
	int delete(TenantId tenant, Collection<ContactId> ids);

	/**
	 * The tenant's contacts, in id order, that are prospects (no client-making activity) created
	 * and last active (any activity) before {@code prospectCutoff}, or ex-clients whose last
	 * client-making activity is before {@code clientCutoff}: one pass over the tenant's contacts.
	 */
	List<DormantContact> dormant(TenantId tenant, Set<String> clientTypes, Instant prospectCutoff, Instant clientCutoff);

	/**
	 * Fills the keyed hashes of one batch of contacts written before hashes existed; answers how
	 * many it filled, 0 when none is left.
	 */
	int fillMissingHashes();

	/** The contacts holding each identifier. */
	record Matches(ContactId byPhone, ContactId byEmail, ContactId byExternalRef) {

		public static final Matches NONE = new Matches(null, null, null);
	}
}
