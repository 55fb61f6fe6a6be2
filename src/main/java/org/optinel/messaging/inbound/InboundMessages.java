package org.optinel.messaging.inbound;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.optinel.core.TenantId;

/** Storage of inbound messages and of the replies they call for. Every call is scoped by tenant. */
public interface InboundMessages {

	/** Stores a message; false, and nothing written, when the tenant already has one with its id. */
	boolean insert(ReceivedSms message);

	/** Records what the message led to. */
	void settle(ReceivedSms message);

	Optional<ReceivedSms> find(TenantId tenant, String messageId);

	void insert(SmsReply reply);

	Optional<SmsReply> replyTo(TenantId tenant, String messageId);

	/** The replies of a state, oldest first, at most {@code limit}. */
	List<SmsReply> replies(TenantId tenant, String state, int limit);

	/**
	 * The messages of some people, oldest first: those recorded for one of the contacts, and those
	 * from one of the numbers that were recorded for no contact. A message recorded for another
	 * contact that held the number is that contact's, not theirs.
	 */
	List<ReceivedSms> ofSenders(TenantId tenant, Collection<String> contactIds, Collection<String> phones);

	/** The replies to the messages of {@link #ofSenders}, oldest first. */
	List<SmsReply> repliesToSenders(TenantId tenant, Collection<String> contactIds, Collection<String> phones);

	/** How many messages and replies {@link #eraseSenders} would delete. */
	Counts countOfSenders(TenantId tenant, Collection<String> contactIds, Collection<String> phones);

	/** Deletes the messages of {@link #ofSenders} and the replies to them (GDPR-10). */
	Counts eraseSenders(TenantId tenant, Collection<String> contactIds, Collection<String> phones);

	/** Inbound messages and replies. */
	record Counts(long messages, long replies) {
	}
}
