package org.optinel.consent;

import java.time.Instant;

import org.optinel.contacts.ContactId;
import org.optinel.core.Channel;
import org.optinel.core.TenantId;

/**
 * A consent answer that passed every rule and is ready to be chained: made by
 * {@link ConsentManagement#prepare}, appended by {@link ConsentManagement#append}. Judging and
 * resolving an answer (rules, purpose, notice, evidence document and its hash) needs no lock, so it
 * is done before the append, off the single writer; what depends on the ledger or the contact base
 * at the moment of writing (the person, double opt-in, the chain) is done by the append.
 */
public final class PreparedConsent {

	final TenantId tenant;

	/** The person named by id; {@code null} when named by {@code phone} and/or {@code email}. */
	final ContactId contact;

	final String phone;

	final String email;

	final Channel channel;

	final String purpose;

	final ConsentAction action;

	final ConsentSource source;

	final Notice notice;

	final boolean proven;

	final Instant occurredAt;

	/** The salted evidence document and its SHA-256, both {@code null} without evidence. */
	final String evidence;

	final String evidenceSha256;

	PreparedConsent(TenantId tenant, ContactId contact, String phone, String email, Channel channel, String purpose,
			ConsentAction action, ConsentSource source, Notice notice, boolean proven, Instant occurredAt,
			String evidence) {
		this.tenant = tenant;
		this.contact = contact;
		this.phone = phone;
		this.email = email;
		this.channel = channel;
		this.purpose = purpose;
		this.action = action;
		this.source = source;
		this.notice = notice;
		this.proven = proven;
		this.occurredAt = occurredAt;
		this.evidence = evidence;
		this.evidenceSha256 = evidence == null ? null : ConsentChain.sha256(evidence);
	}

	public TenantId tenant() {
		return tenant;
	}
}
