package org.optinel.eligibility.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.optinel.contacts.ContactId;
import org.optinel.core.Channel;
import org.optinel.core.EmailAddress;
import org.optinel.core.FieldViolation;
import org.optinel.core.InvalidInputException;
import org.optinel.core.IsoInstants;
import org.optinel.core.PhoneNumbers;
import org.optinel.core.TenantId;
import org.optinel.eligibility.Decision;
import org.optinel.eligibility.EligibilityAnswer;
import org.optinel.eligibility.EligibilityManagement;
import org.optinel.eligibility.Subject;
import org.optinel.tenancy.TenantManagement;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The eligibility decision over HTTP, one subject or a batch. Reads only: nothing is written. */
@RestController
@Tag(name = "Eligibility", description = "May a message of a channel and purpose go to a contact at an instant?")
class EligibilityController {

	private final EligibilityManagement eligibility;

	private final TenantManagement tenants;

	private final PhoneNumbers phones;

	EligibilityController(EligibilityManagement eligibility, TenantManagement tenants, PhoneNumbers phones) {
		this.eligibility = eligibility;
		this.tenants = tenants;
		this.phones = phones;
	}

	@GetMapping("/api/v1/eligibility")
	@Operation(summary = "The decision for one contact (contactId) or identifier (phone or email)", description = """
			ALLOW with basis CONSENT, SOFT_OPT_IN, LEGITIMATE_INTEREST_B2B or TRANSACTIONAL; DENY with reason \
			SUPPRESSED, NO_ADDRESS, WITHDRAWN, UNPROVEN or NO_LEGAL_BASIS; DEFER with notBefore, the earliest lawful \
			instant (sending windows, FR-07, US-05). rule names the rule that decided; stale flags a consent older than \
			the refresh period (EDPB-02). A phone or email in no contact is DENY (inBase false): SUPPRESSED when it is \
			on the suppression list, else NO_LEGAL_BASIS. at: ISO 8601 instant with offset, default now.""")
	AnswerBody decide(TenantId tenant, @RequestParam(required = false) String contactId,
			@RequestParam(required = false) String phone, @RequestParam(required = false) String email,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String purpose,
			@RequestParam(required = false) String at) {
		Subject subject = subject(tenant, contactId, phone, email, "");
		EligibilityAnswer answer = eligibility.decide(tenant, subject, channel(channel), purpose, instant(at));
		return AnswerBody.of(answer);
	}

	@PostMapping("/api/v1/eligibility/batch")
	@Operation(summary = "The decisions for up to 10,000 contacts or identifiers, in the order given", description = """
			Body: {"channel":"SMS","purpose":"promotions","at":"...","contacts":[{"contactId":"..."},{"phone":"..."}]}. \
			More than 10,000 is a 422. An unknown contactId is answered DENY NO_LEGAL_BASIS with inBase false.""")
	BatchAnswer batch(TenantId tenant, @RequestBody BatchRequest request) {
		if (request == null) {
			throw new InvalidInputException("body", "is required");
		}
		if (request.contacts() == null || request.contacts().isEmpty()) {
			throw new InvalidInputException("contacts", "is required: a list of {contactId} or {phone} or {email}");
		}
		if (request.contacts().size() > EligibilityManagement.MAX_BATCH) {
			throw new InvalidInputException("contacts", "at most " + EligibilityManagement.MAX_BATCH
					+ " in one batch, was " + request.contacts().size());
		}
		Channel channel = channel(request.channel());
		Instant at = instant(request.at());
		List<Subject> subjects = new ArrayList<>(request.contacts().size());
		for (int i = 0; i < request.contacts().size(); i++) {
			SubjectBody s = request.contacts().get(i);
			if (s == null) {
				throw new InvalidInputException("contacts[" + i + "]", "is null");
			}
			subjects.add(subject(tenant, s.contactId(), s.phone(), s.email(), "contacts[" + i + "]."));
		}
		List<EligibilityAnswer> answers = eligibility.decideAll(tenant, subjects, channel, request.purpose(), at);
		return new BatchAnswer(answers.stream().map(AnswerBody::of).toList());
	}

	private Subject subject(TenantId tenant, String contactId, String phone, String email, String prefix) {
		int named = (blank(contactId) ? 0 : 1) + (blank(phone) ? 0 : 1) + (blank(email) ? 0 : 1);
		if (named != 1) {
			throw new InvalidInputException(prefix + "contactId", named == 0 ? "name the person: contactId, phone or email"
					: "name the person once: contactId, phone or email, not several");
		}
		if (!blank(contactId)) {
			try {
				return Subject.of(new ContactId(contactId.strip()));
			}
			catch (IllegalArgumentException e) {
				throw new InvalidInputException(prefix + "contactId", "'" + contactId + "' is not a contact id");
			}
		}
		if (!blank(phone)) {
			return Subject.of(phones.parse(phone, tenants.require(tenant).defaultRegion(), prefix + "phone"));
		}
		return Subject.of(EmailAddress.parse(email, prefix + "email"));
	}

	private static Channel channel(String value) {
		if (blank(value)) {
			throw new InvalidInputException("channel", "is required: SMS or EMAIL");
		}
		try {
			return Channel.valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			throw new InvalidInputException(List.of(new FieldViolation("channel", "'" + value + "' is not a channel; use SMS or EMAIL")));
		}
	}

	private static Instant instant(String value) {
		if (blank(value)) {
			return null;
		}
		try {
			return IsoInstants.parse(value.strip());
		}
		catch (DateTimeParseException e) {
			throw new InvalidInputException("at", "must be an ISO 8601 instant with offset, e.g. 2025-03-01T09:30:00+01:00; was '"
					+ value + "'");
		}
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}

	/** A batch request. */
	record BatchRequest(String channel, String purpose, String at, List<SubjectBody> contacts) {
	}

	/** One subject of a batch. */
	record SubjectBody(String contactId, String phone, String email) {
	}

	/** The answers of a batch, in the order of the request. */
	record BatchAnswer(List<AnswerBody> decisions) {
	}

	/** An answer, with the names of the design: decision, basis, reason, notBefore; and the rule that decided. */
	record AnswerBody(String contactId, boolean inBase, String decision, String basis, String reason, Instant notBefore,
			String rule, boolean stale) {

		static AnswerBody of(EligibilityAnswer a) {
			Decision d = a.decision();
			return new AnswerBody(a.contactId(), a.inBase(), d.outcome().name(), d.basis() == null ? null : d.basis().name(),
					d.reason() == null ? null : d.reason().name(), d.notBefore(), d.rule(), d.stale());
		}
	}
}
