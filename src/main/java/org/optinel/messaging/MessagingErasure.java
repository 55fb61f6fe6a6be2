package org.optinel.messaging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.optinel.contacts.ContactErased;
import org.optinel.contacts.PersonalDataHolder;
import org.optinel.core.TenantId;
import org.optinel.messaging.inbound.InboundMessages;
import org.optinel.messaging.outbox.OutboxStore;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The messaging module's part of an erasure (GDPR-10): the SMS the contact sent (number and text)
 * with the replies owed to them, and the messages to the contact in the outbox (address, subject,
 * bodies) with their parts, whatever their state. Those of the contact's number or address that
 * were recorded for no contact go too; those recorded for another contact stay that contact's.
 */
@Component
class MessagingErasure implements PersonalDataHolder {

	private final InboundMessages inbound;

	private final OutboxStore outbox;

	MessagingErasure(InboundMessages inbound, OutboxStore outbox) {
		this.inbound = inbound;
		this.outbox = outbox;
	}

	@Override
	public Map<String, Long> erasable(TenantId tenant, List<ContactErased> contacts) {
		List<String> ids = contacts.stream().map(c -> c.contact().value()).toList();
		List<String> phones = contacts.stream().map(ContactErased::phoneE164).filter(Objects::nonNull).toList();
		InboundMessages.Counts received = inbound.countOfSenders(tenant, ids, phones);
		OutboxStore.Counts sent = outbox.countToRecipients(tenant, ids, hashes(contacts));
		Map<String, Long> kinds = new LinkedHashMap<>();
		kinds.put("inboundSms", received.messages());
		kinds.put("smsReplies", received.replies());
		kinds.put("outboxMessages", sent.messages());
		kinds.put("outboxParts", sent.parts());
		return kinds;
	}

	@EventListener
	void on(ContactErased erased) {
		List<String> id = List.of(erased.contact().value());
		inbound.eraseSenders(erased.tenant(), id,
				erased.phoneE164() == null ? List.of() : List.of(erased.phoneE164()));
		outbox.eraseRecipients(erased.tenant(), id, hashes(List.of(erased)));
	}

	private static List<String> hashes(List<ContactErased> contacts) {
		return contacts.stream()
			.flatMap(c -> java.util.stream.Stream.of(c.phoneHash(), c.emailHash()))
			.filter(Objects::nonNull)
			.toList();
	}
}
