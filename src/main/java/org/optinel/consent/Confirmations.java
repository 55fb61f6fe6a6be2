package org.optinel.consent;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.optinel.core.Channel;
import org.optinel.core.TenantId;

/**
 * Storage of double opt-in: which channels of which purposes need a confirmation, and the
 * confirmations issued for pending grants. Every call is scoped by tenant.
 */
public interface Confirmations {

	/** The channels on which a grant for {@code purpose} must be confirmed; empty when none. */
	Set<Channel> doubleOptIn(TenantId tenant, String purpose);

	/** The double opt-in channels of every purpose that has some, by purpose key. */
	Map<String, Set<Channel>> doubleOptIn(TenantId tenant);

	/** Replaces the double opt-in channels of {@code purpose}. */
	void replaceDoubleOptIn(TenantId tenant, String purpose, Set<Channel> channels);

	void insert(Confirmation confirmation);

	/** The confirmation of a pending grant, locked until the transaction ends. */
	Optional<Confirmation> lock(TenantId tenant, String eventId);

	/** Counts one failed attempt. */
	void failed(TenantId tenant, String eventId);

	/** Marks the confirmation used by the grant {@code confirmedBy}. */
	void confirmed(TenantId tenant, String eventId, String confirmedBy);

	/** A ledger event with its evidence document, by event id. */
	Optional<ConsentLedger.Entry> entry(TenantId tenant, String eventId);
}
