package org.optinel.suppression.persistence;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.optinel.core.Channel;
import org.optinel.core.TenantId;
import org.optinel.suppression.IdentifierKind;
import org.optinel.suppression.Suppression;
import org.optinel.suppression.SuppressionReason;

/**
 * Storage of the suppression list and its history. It lives inside the module, not in its API, so
 * that no other module can lift an entry except through {@code SuppressionList} (KW-02). There is
 * no delete.
 */
public interface Suppressions {

	/** The entry of this hash and scope, active or lifted. */
	Optional<Suppression> find(TenantId tenant, String identifierHash, Channel scope);

	/** The active entries of a hash, in every scope. */
	List<Suppression> active(TenantId tenant, String identifierHash);

	/** Whether an active entry bars {@code channel} (its own or the all-channels one); any channel when null. */
	boolean isSuppressed(TenantId tenant, Channel channel, String identifierHash);

	/**
	 * Makes the entry active: inserts it, or puts a lifted one back with the new reason, evidence and
	 * time. False, changing nothing, when it is active already.
	 */
	boolean activate(Suppression entry);

	/** Activates many entries at once; answers, in order, which of them were not active before. */
	boolean[] activateAll(List<Suppression> entries);

	/** Marks the active entry lifted; false when there is none. */
	boolean lift(TenantId tenant, String identifierHash, Channel scope, Instant at);

	/** Of these (hash, scope) keys, those with an active entry. */
	Set<Key> activeAmong(TenantId tenant, Collection<String> identifierHashes);

	/** Appends to the history of adds and lifts. */
	void record(TenantId tenant, List<HistoryEntry> entries);

	/** Active entries counted by reason and scope. */
	List<Count> counts(TenantId tenant);

	/** The hash and scope that key an entry. */
	record Key(String identifierHash, Channel scope) {
	}

	/** One add or lift. {@code reason} is null for a lift. */
	record HistoryEntry(String eventId, String identifierHash, Channel scope, String action, SuppressionReason reason,
			String evidence, Instant at) {
	}

	/** How many active entries have this reason and scope. */
	record Count(SuppressionReason reason, Channel scope, long count) {
	}
}
