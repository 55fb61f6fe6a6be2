package org.optinel.suppression;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.optinel.core.Channel;
import org.optinel.core.EmailAddress;
import org.optinel.core.Ids;
import org.optinel.core.PhoneNumber;
import org.optinel.core.TenantId;
import org.optinel.suppression.persistence.Suppressions;
import org.optinel.tenancy.IdentifierHashing;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's suppression list, by keyed hash ({@link IdentifierHashing}). Adding is idempotent and
 * never lifts anything; an entry lifted earlier is put back. The only way off the list is
 * {@link #liftAtPersonsRequest}, which only the person's own act may trigger (KW-02): an opt-in
 * keyword from the suppressed number itself, or the person in the preference centre. There is no
 * delete (GDPR-07, FR-10). Every add and lift is kept in the history and published as
 * {@link SuppressionAdded} or {@link SuppressionLifted} inside its transaction.
 */
@Service
public class SuppressionList {

	private final Suppressions suppressions;

	private final IdentifierHashing hashing;

	private final ApplicationEventPublisher events;

	private final JsonMapper json;

	private final Ids ids;

	private final Clock clock;

	SuppressionList(Suppressions suppressions, IdentifierHashing hashing, ApplicationEventPublisher events,
			JsonMapper json, Ids ids, Clock clock) {
		this.suppressions = suppressions;
		this.hashing = hashing;
		this.events = events;
		this.json = json;
		this.ids = ids;
		this.clock = clock;
	}

	/** The entry after an add, and whether the add put it on the list (false: it was there already). */
	public record Added(Suppression entry, boolean created) {
	}

	/**
	 * Puts a hash on the list for {@code scope} ({@code null}: all channels). Idempotent: when an
	 * active entry of the same hash and scope exists, it is answered unchanged.
	 * @param evidence what proves the opt-out (message id, form, file...), kept as JSON
	 */
	@Transactional
	public Added add(TenantId tenant, String identifierHash, IdentifierKind kind, Channel scope,
			SuppressionReason reason, Map<String, ?> evidence) {
		Objects.requireNonNull(reason, "reason");
		Suppression entry = new Suppression(tenant, identifierHash, scope, kind, reason, evidenceJson(evidence), now(),
				null);
		if (!suppressions.activate(entry)) {
			return new Added(suppressions.find(tenant, identifierHash, scope).orElseThrow(), false);
		}
		recordAdds(List.of(entry));
		return new Added(entry, true);
	}

	/** Puts a phone number on the list; see {@link #add}. */
	@Transactional
	public Added addPhone(TenantId tenant, PhoneNumber phone, Channel scope, SuppressionReason reason,
			Map<String, ?> evidence) {
		return add(tenant, hashing.phone(tenant, phone), IdentifierKind.PHONE, scope, reason, evidence);
	}

	/** Puts an email address on the list; see {@link #add}. */
	@Transactional
	public Added addEmail(TenantId tenant, EmailAddress email, Channel scope, SuppressionReason reason,
			Map<String, ?> evidence) {
		return add(tenant, hashing.email(tenant, email), IdentifierKind.EMAIL, scope, reason, evidence);
	}

	/**
	 * Puts many entries on the list in one go (an opt-out list brought in); answers, in order, which
	 * were added. Entries must be of one tenant, with distinct hash and scope.
	 */
	@Transactional
	public boolean[] addAll(List<Suppression> entries) {
		boolean[] added = suppressions.activateAll(entries);
		List<Suppression> fresh = new ArrayList<>();
		for (int i = 0; i < added.length; i++) {
			if (added[i]) {
				fresh.add(entries.get(i));
			}
		}
		recordAdds(fresh);
		return added;
	}

	/**
	 * Whether the hash may not be messaged on {@code channel}: an active entry for that channel or
	 * for all channels. With a {@code null} channel, whether any active entry exists.
	 */
	@Transactional(readOnly = true)
	public boolean isSuppressed(TenantId tenant, Channel channel, String identifierHash) {
		return suppressions.isSuppressed(tenant, channel, identifierHash);
	}

	/** The active entries of a hash, one per scope. */
	@Transactional(readOnly = true)
	public List<Suppression> entries(TenantId tenant, String identifierHash) {
		return suppressions.active(tenant, identifierHash);
	}

	/**
	 * Lifts the active entry of exactly this hash and scope ({@code null}: the all-channels entry),
	 * at the person's own request: the only way off the list (KW-02). Call it only for an act of the
	 * person whose identifier it is (an opt-in keyword from the suppressed number itself, the person's
	 * choice in the preference centre); never for an API client, an administrator or an import.
	 * @return false when there was no active entry to lift
	 */
	@Transactional
	public boolean liftAtPersonsRequest(TenantId tenant, Channel scope, String identifierHash, Map<String, ?> evidence) {
		Instant at = now();
		if (!suppressions.lift(tenant, identifierHash, scope, at)) {
			return false;
		}
		suppressions.record(tenant, List.of(new Suppressions.HistoryEntry(ids.next(), identifierHash, scope, "LIFT",
				null, evidenceJson(evidence), at)));
		events.publishEvent(new SuppressionLifted(tenant, identifierHash, scope, at));
		return true;
	}

	private void recordAdds(List<Suppression> added) {
		if (added.isEmpty()) {
			return;
		}
		List<Suppressions.HistoryEntry> history = new ArrayList<>(added.size());
		for (Suppression e : added) {
			history.add(new Suppressions.HistoryEntry(ids.next(), e.identifierHash(), e.scope(), "ADD", e.reason(),
					e.evidence(), e.createdAt()));
		}
		suppressions.record(added.get(0).tenant(), history);
		for (Suppression e : added) {
			events.publishEvent(new SuppressionAdded(e.tenant(), e.identifierHash(), e.scope(), e.reason(), e.createdAt()));
		}
	}

	String evidenceJson(Map<String, ?> evidence) {
		return evidence == null ? "{}" : json.writeValueAsString(evidence);
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}
}
