package org.optinel.messaging.inbound;

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
}
