package org.optinel.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.optinel.audit.AuditLog;
import org.optinel.consent.ConsentRecords;
import org.optinel.consent.ProofManagement;
import org.optinel.contacts.Activity;
import org.optinel.contacts.Contact;
import org.optinel.contacts.ContactId;
import org.optinel.contacts.ContactManagement;
import org.optinel.contacts.ContactProfile;
import org.optinel.core.NotFoundException;
import org.optinel.core.TenantId;
import org.optinel.messaging.ContactMessages;
import org.optinel.suppression.SuppressionManagement;
import org.optinel.suppression.SuppressionStatus;
import org.optinel.tenancy.Tenant;
import org.optinel.tenancy.TenantManagement;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The answer to an access or portability request (GDPR-11, art. 15 and 20): everything the person
 * provided and everything recorded about them, each module giving its part through its public API:
 * the contact and its activities, the consent events with their evidence and the notices shown,
 * the suppression status of the phone and the email, the SMS they sent and the messages to them.
 * Every export is written to the audit log ({@code CONTACT_EXPORTED}), in the same transaction.
 */
@Service
public class PersonalDataExport {

	/** The audit action of an export. */
	public static final String AUDIT_ACTION = "CONTACT_EXPORTED";

	private final ContactManagement contacts;

	private final ProofManagement proofs;

	private final SuppressionManagement suppressions;

	private final ContactMessages messages;

	private final TenantManagement tenants;

	private final AuditLog audit;

	private final Clock clock;

	PersonalDataExport(ContactManagement contacts, ProofManagement proofs, SuppressionManagement suppressions,
			ContactMessages messages, TenantManagement tenants, AuditLog audit, Clock clock) {
		this.contacts = contacts;
		this.proofs = proofs;
		this.suppressions = suppressions;
		this.messages = messages;
		this.tenants = tenants;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Everything kept about a contact.
	 * @param actor who asks: {@code api-key}, {@code operator}, {@code cli}
	 * @throws NotFoundException when {@code contact} names no contact of the tenant
	 */
	@Transactional
	public Export export(TenantId tenantId, ContactId contact, String actor) {
		Tenant tenant = tenants.require(tenantId);
		ContactProfile profile = contacts.get(tenantId, contact);
		Contact c = profile.contact();
		List<Activity> activities = contacts.activities(tenantId, contact);
		ConsentRecords consents = proofs.records(tenantId, contact);
		List<Identifier> identifiers = new ArrayList<>(2);
		if (c.phone() != null) {
			identifiers.add(new Identifier("phone", suppressions.check(tenantId, c.phone().e164(), null)));
		}
		if (c.email() != null) {
			identifiers.add(new Identifier("email", suppressions.check(tenantId, null, c.email().value())));
		}
		ContactMessages.Messages kept = messages.of(tenantId, contact, c.phone(), c.email());
		audit.record(tenantId, actor, AUDIT_ACTION, contact.value(), 1,
				Map.of("consentEvents", consents.events().size(), "inboundSms", kept.inbound().size(),
						"outboxMessages", kept.outbound().size()));
		return new Export(tenant, clock.instant().truncatedTo(ChronoUnit.MILLIS), profile, activities, consents,
				identifiers, kept);
	}

	/**
	 * What an export holds.
	 *
	 * @param suppressions the suppression status of each identifier of the contact (never the keyed hash)
	 */
	public record Export(Tenant tenant, Instant exportedAt, ContactProfile contact, List<Activity> activities,
			ConsentRecords consents, List<Identifier> suppressions, ContactMessages.Messages messages) {
	}

	/** The suppression status of one identifier of the contact: {@code phone} or {@code email}. */
	public record Identifier(String kind, SuppressionStatus status) {
	}
}
