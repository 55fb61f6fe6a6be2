package org.optinel.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.optinel.contacts.ContactId;
import org.optinel.core.EmailAddress;
import org.optinel.core.PhoneNumber;
import org.optinel.core.TenantId;
import org.optinel.messaging.inbound.InboundMessages;
import org.optinel.messaging.inbound.ReceivedSms;
import org.optinel.messaging.inbound.SmsReply;
import org.optinel.messaging.outbox.OutboxMessage;
import org.optinel.messaging.outbox.OutboxStore;
import org.optinel.tenancy.IdentifierHashing;
import org.optinel.tenancy.TenantManagement;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The messages from and to one person, as an access or portability request exports them (GDPR-11):
 * the SMS they sent with the replies owed to them, and the messages in the outbox to them. The same
 * messages an erasure of the contact deletes ({@link org.optinel.contacts.ContactErased}).
 */
@Service
public class ContactMessages {

	private final InboundMessages inbound;

	private final OutboxStore outbox;

	private final IdentifierHashing hashing;

	private final TenantManagement tenants;

	ContactMessages(InboundMessages inbound, OutboxStore outbox, IdentifierHashing hashing, TenantManagement tenants) {
		this.inbound = inbound;
		this.outbox = outbox;
		this.hashing = hashing;
		this.tenants = tenants;
	}

	/**
	 * The messages of a contact: those recorded for it, and those from or to its phone or email that
	 * were recorded for no contact.
	 * @param phone the contact's phone, or {@code null}
	 * @param email the contact's email, or {@code null}
	 */
	@Transactional(readOnly = true)
	public Messages of(TenantId tenant, ContactId contact, PhoneNumber phone, EmailAddress email) {
		tenants.require(tenant);
		List<String> contacts = List.of(contact.value());
		List<String> phones = phone == null ? List.of() : List.of(phone.e164());
		List<String> hashes = new ArrayList<>(2);
		if (phone != null) {
			hashes.add(hashing.phone(tenant, phone));
		}
		if (email != null) {
			hashes.add(hashing.email(tenant, email));
		}
		Map<String, Reply> replies = new HashMap<>();
		for (SmsReply r : inbound.repliesToSenders(tenant, contacts, phones)) {
			replies.put(r.inReplyTo(), new Reply(r.id(), r.to(), r.from(), r.kind().name(), r.text(), r.createdAt(),
					r.sendBefore(), r.state()));
		}
		List<Inbound> received = new ArrayList<>();
		for (ReceivedSms m : inbound.ofSenders(tenant, contacts, phones)) {
			received.add(new Inbound(m.messageId(), m.provider().name(), m.from(), m.to(), m.text(), m.receivedAt(),
					m.recordedAt(), m.kind().name(), m.keyword(), m.outcome().name(), replies.get(m.messageId())));
		}
		List<Outbound> sent = new ArrayList<>();
		for (OutboxMessage m : outbox.toRecipients(tenant, contacts, hashes)) {
			sent.add(new Outbound(m.id(), m.channel().name(), m.recipient(), m.purpose(), m.marketing(), m.origin().name(),
					m.sender(), m.senderName(), m.subject(), m.text(), m.html(), m.state().name(), m.reason(),
					m.createdAt(), m.updatedAt(), m.submittedAt()));
		}
		return new Messages(received, sent);
	}

	/** The SMS a person sent, and the messages to them in the outbox. */
	public record Messages(List<Inbound> inbound, List<Outbound> outbound) {

		public Messages {
			inbound = List.copyOf(inbound);
			outbound = List.copyOf(outbound);
		}
	}

	/**
	 * An SMS from the person, with what its keyword did and the reply it was owed, if any.
	 *
	 * @param kind what the text asked for: OPT_OUT, OPT_IN, HELP, NONE
	 * @param outcome what it led to: OPTED_OUT, INTERACTION...
	 */
	public record Inbound(String messageId, String provider, String from, String to, String text, Instant receivedAt,
			Instant recordedAt, String kind, String keyword, String outcome, Reply reply) {
	}

	/** A reply owed to an inbound SMS (an opt-out confirmation, help). */
	public record Reply(String id, String to, String from, String kind, String text, Instant createdAt,
			Instant sendBefore, String state) {
	}

	/** A message to the person, as kept in the outbox. */
	public record Outbound(String id, String channel, String recipient, String purpose, boolean marketing, String origin,
			String sender, String senderName, String subject, String text, String html, String state, String reason,
			Instant createdAt, Instant updatedAt, Instant submittedAt) {
	}
}
