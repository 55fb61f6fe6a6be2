package org.optinel.messaging.outbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.optinel.consent.Purpose;
import org.optinel.consent.PurposeKind;
import org.optinel.consent.PurposeManagement;
import org.optinel.contacts.Contact;
import org.optinel.contacts.ContactId;
import org.optinel.contacts.ContactManagement;
import org.optinel.core.Channel;
import org.optinel.core.EmailAddress;
import org.optinel.core.FieldViolation;
import org.optinel.core.InvalidInputException;
import org.optinel.core.OptinelException;
import org.optinel.core.PhoneNumber;
import org.optinel.core.PhoneNumbers;
import org.optinel.core.ProblemKind;
import org.optinel.core.TenantId;
import org.optinel.eligibility.Decision;
import org.optinel.eligibility.EligibilityAnswer;
import org.optinel.eligibility.EligibilityManagement;
import org.optinel.eligibility.Subject;
import org.optinel.messaging.sender.EmailContent;
import org.optinel.messaging.sender.PreparedEmail;
import org.optinel.messaging.sender.PreparedSms;
import org.optinel.messaging.sender.SenderProfile;
import org.optinel.messaging.sender.SenderProfileManagement;
import org.optinel.messaging.sender.SmsContent;
import org.optinel.tenancy.TenantManagement;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Single messages asked for through the API: the recipient resolved, the content checked against
 * the sender profile (FR-05, FR-06, EP-03), the eligibility decision taken, and the message queued
 * in the same transaction. A message the decision refuses is not queued: the caller hears why.
 */
@Service
public class MessageManagement {

	private final Outbox outbox;

	private final EligibilityManagement eligibility;

	private final SenderProfileManagement senders;

	private final ContactManagement contacts;

	private final PurposeManagement purposes;

	private final TenantManagement tenants;

	private final PhoneNumbers phones;

	MessageManagement(Outbox outbox, EligibilityManagement eligibility, SenderProfileManagement senders,
			ContactManagement contacts, PurposeManagement purposes, TenantManagement tenants, PhoneNumbers phones) {
		this.outbox = outbox;
		this.eligibility = eligibility;
		this.senders = senders;
		this.contacts = contacts;
		this.purposes = purposes;
		this.tenants = tenants;
		this.phones = phones;
	}

	/** A queued message, with what its SMS content came to (null for email). */
	public record Queued(OutboxMessage message, boolean created, PreparedSms sms) {
	}

	/**
	 * Checks, decides and queues.
	 * @param idempotencyKey makes a retry answer the first message instead of queueing another; may be null
	 * @throws InvalidInputException for a field to fix (422), nothing queued
	 * @throws OptinelException 422 {@code not-eligible} when the decision says no, with its reason and rule
	 */
	@Transactional
	public Queued send(TenantId tenantId, MessageRequest request, String idempotencyKey) {
		var tenant = tenants.require(tenantId);
		if (request == null) {
			throw new InvalidInputException("body", "send a JSON object with channel, a recipient, purpose and text");
		}
		if (request.channel() == null) {
			throw new InvalidInputException("channel", "is required: SMS or EMAIL");
		}
		Channel channel = request.channel();
		Purpose purpose = purpose(tenantId, request.purpose());
		boolean marketing = purpose.kind() == PurposeKind.MARKETING;
		Recipient recipient = recipient(tenantId, tenant.defaultRegion(), request);
		SenderProfile profile = senders.profile(tenantId);
		if (request.text() == null || request.text().isBlank()) {
			throw new InvalidInputException("text", "is required: the message text");
		}
		String sender;
		String senderName = null;
		String subject = null;
		String text = request.text();
		PreparedSms sms = null;
		if (channel == Channel.SMS) {
			if (request.html() != null || request.subject() != null) {
				throw new InvalidInputException("subject", "an SMS has no subject or HTML part; leave them out");
			}
			sms = SmsContent.prepare(profile, text, marketing);
			if (profile.smsSenderId() == null) {
				throw new InvalidInputException("smsSenderId", "is not set: set the sender id recipients see with PUT "
						+ "/api/v1/messaging/sender (FR-06)");
			}
			sender = profile.smsSenderId().value();
			text = sms.text();
		}
		else {
			PreparedEmail email = EmailContent.prepare(profile, request.subject(), true);
			sender = email.from().value();
			senderName = email.fromName();
			subject = email.subject();
		}
		EligibilityAnswer answer = eligibility.decide(tenantId, recipient.subject(), channel, purpose.key(), null);
		Decision decision = answer.decision();
		if (decision instanceof Decision.Deny deny) {
			throw new OptinelException(ProblemKind.INVALID, "not-eligible", "Not eligible",
					"this message may not be sent to this recipient: " + deny.reason() + " (" + deny.rule() + ")")
				.with("reason", deny.reason().name())
				.with("rule", deny.rule());
		}
		Instant notBefore = decision instanceof Decision.Defer defer ? defer.notBefore() : null;
		String contactId = answer.contactId();
		String dedupe = idempotencyKey == null || idempotencyKey.isBlank() ? null : "api:" + idempotencyKey.strip();
		Outbox.Enqueued enqueued = outbox.enqueue(new NewMessage(tenantId, channel, recipient.address(), contactId,
				purpose.key(), marketing, Origin.API, null, dedupe, sender, senderName, subject, text,
				channel == Channel.EMAIL ? request.html() : null, notBefore, null));
		return new Queued(enqueued.message(), enqueued.created(), sms);
	}

	private Purpose purpose(TenantId tenant, String key) {
		if (key == null || key.isBlank()) {
			throw new InvalidInputException("purpose", "is required: the key of one of the tenant's purposes");
		}
		return purposes.purposes(tenant)
			.stream()
			.filter(p -> p.key().equals(key.strip()))
			.findFirst()
			.orElseThrow(() -> new InvalidInputException("purpose", "'" + key.strip()
					+ "' is not one of the tenant's purposes; define it with POST /api/v1/purposes"));
	}

	private record Recipient(Subject subject, String address) {
	}

	private Recipient recipient(TenantId tenant, String region, MessageRequest r) {
		int named = (r.contactId() == null ? 0 : 1) + (r.phone() == null ? 0 : 1) + (r.email() == null ? 0 : 1);
		if (named != 1) {
			throw new InvalidInputException("contactId", "name the recipient once: contactId, or phone (SMS), or "
					+ "email (EMAIL)");
		}
		Channel channel = r.channel();
		if (r.contactId() != null) {
			ContactId id = ContactId.parse(r.contactId())
				.orElseThrow(() -> new InvalidInputException("contactId", "is not a contact id"));
			Contact c = contacts.get(tenant, id).contact();
			if (channel == Channel.SMS && c.phone() == null) {
				throw new InvalidInputException("contactId", "the contact has no phone number to send an SMS to");
			}
			if (channel == Channel.EMAIL && c.email() == null) {
				throw new InvalidInputException("contactId", "the contact has no email address");
			}
			return new Recipient(Subject.of(id), channel == Channel.SMS ? c.phone().e164() : c.email().value());
		}
		List<FieldViolation> wrong = new ArrayList<>();
		if (channel == Channel.SMS && r.phone() == null) {
			wrong.add(new FieldViolation("phone", "an SMS goes to a phone number: give phone or contactId"));
		}
		if (channel == Channel.EMAIL && r.email() == null) {
			wrong.add(new FieldViolation("email", "an email goes to an address: give email or contactId"));
		}
		if (!wrong.isEmpty()) {
			throw new InvalidInputException(wrong);
		}
		if (channel == Channel.SMS) {
			PhoneNumber phone = phones.parse(r.phone(), region, "phone");
			return new Recipient(Subject.of(phone), phone.e164());
		}
		EmailAddress email = EmailAddress.parse(r.email(), "email");
		return new Recipient(Subject.of(email), email.value());
	}

	/** How many of an origin's messages are in each state (campaign figures). */
	public Map<MessageState, Long> counts(TenantId tenant, Origin origin, String originId) {
		return outbox.countByState(tenant, origin, originId);
	}
}
