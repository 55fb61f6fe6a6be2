package org.optinel.consent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.optinel.core.FieldViolation;
import org.optinel.core.InvalidInputException;

/**
 * What proves an answer, one kind per source. Evidence is personal data (IP, user agent, phone,
 * message text): the ledger stores it beside the chain and commits to it by hash (GDPR-02), so
 * that it can be erased later without breaking the chain.
 */
public sealed interface Evidence {

	/** The source this evidence belongs to. */
	ConsentSource source();

	/** What a grant from this source must carry and does not (GDPR-02). */
	List<FieldViolation> missingForGrant();

	/** Whether a grant with this evidence proves consent; an import without its original proof does not (EDPB-01). */
	default boolean proves() {
		return true;
	}

	/** The checkbox state, for the sources that show one. */
	default EvidenceFields.Checkbox checkbox() {
		return null;
	}

	/** The evidence as a document of its non-empty fields, keys sorted, for storage and hashing. */
	Map<String, Object> document();

	/**
	 * The evidence of {@code source} read from what the caller sent.
	 * @throws InvalidInputException when a field does not belong to evidence of this source
	 */
	static Evidence of(ConsentSource source, EvidenceFields fields) {
		EvidenceFields f = fields == null ? EvidenceFields.NONE : fields;
		Evidence evidence;
		switch (source) {
			case WEB_FORM:
				evidence = new WebForm(f.formId(), f.ip(), f.userAgent(), f.checkbox(), f.embedded());
				break;
			case API:
				evidence = new Api(f.reference(), f.ip(), f.userAgent(), f.checkbox());
				break;
			case SMS_REPLY:
				evidence = new SmsReply(f.messageId(), f.number(), f.text());
				break;
			case EMAIL_CLICK:
				evidence = new EmailClick(f.token(), f.messageId(), f.ip(), f.userAgent());
				break;
			case PREFERENCE_CENTRE:
				evidence = new PreferenceCentre(f.token(), f.ip(), f.userAgent(), f.checkbox());
				break;
			case IMPORT:
				evidence = new Import(f.importId(), f.originalProof());
				break;
			default:
				evidence = new Admin(f.adminUser(), f.reason());
		}
		List<FieldViolation> foreign = new ArrayList<>();
		Set<String> kept = evidence.document().keySet();
		for (String given : f.given().keySet()) {
			if (!kept.contains(given)) {
				foreign.add(new FieldViolation("evidence." + given, "is not evidence of a " + source
						+ " answer; it takes " + String.join(", ", fieldsOf(evidence))));
			}
		}
		if (!foreign.isEmpty()) {
			throw new InvalidInputException(foreign);
		}
		return evidence;
	}

	private static List<String> fieldsOf(Evidence evidence) {
		List<String> names = new ArrayList<>();
		for (java.lang.reflect.RecordComponent component : evidence.getClass().getRecordComponents()) {
			names.add(component.getName());
		}
		return names;
	}

	/**
	 * A hosted or customer web form: which form, from where, and the checkbox as it was; for a form
	 * embedded in another site, how and in which site ({@code embedded} is absent otherwise, so the
	 * evidence of a form on its own page hashes as it always did).
	 */
	record WebForm(String formId, String ip, String userAgent, EvidenceFields.Checkbox checkbox,
			EvidenceFields.Embedded embedded) implements Evidence {

		@Override
		public ConsentSource source() {
			return ConsentSource.WEB_FORM;
		}

		@Override
		public List<FieldViolation> missingForGrant() {
			List<FieldViolation> missing = new ArrayList<>();
			require(missing, "formId", formId, "the id of the form that collected the answer");
			require(missing, "ip", ip, "the IP address the form was sent from");
			require(missing, "userAgent", userAgent, "the browser's user agent");
			if (checkbox == null || checkbox.prechecked() == null || checkbox.separateFromTerms() == null) {
				missing.add(new FieldViolation("evidence.checkbox",
						"the checkbox state is required: {\"prechecked\": false, \"separateFromTerms\": true}"));
			}
			return missing;
		}

		@Override
		public Map<String, Object> document() {
			return documentOf("formId", formId, "ip", ip, "userAgent", userAgent, "checkbox", checkbox, "embedded",
					embedded);
		}
	}

	/** An answer sent by the tenant's own system through the API; {@code reference} is its record of it. */
	record Api(String reference, String ip, String userAgent, EvidenceFields.Checkbox checkbox) implements Evidence {

		@Override
		public ConsentSource source() {
			return ConsentSource.API;
		}

		@Override
		public List<FieldViolation> missingForGrant() {
			return List.of();
		}

		@Override
		public Map<String, Object> document() {
			return documentOf("reference", reference, "ip", ip, "userAgent", userAgent, "checkbox", checkbox);
		}
	}

	/** An inbound SMS: its message id, the number it came from and, if kept, its text. */
	record SmsReply(String messageId, String number, String text) implements Evidence {

		@Override
		public ConsentSource source() {
			return ConsentSource.SMS_REPLY;
		}

		@Override
		public List<FieldViolation> missingForGrant() {
			List<FieldViolation> missing = new ArrayList<>();
			require(missing, "messageId", messageId, "the id of the inbound message");
			require(missing, "number", number, "the number the reply came from");
			return missing;
		}

		@Override
		public Map<String, Object> document() {
			return documentOf("messageId", messageId, "number", number, "text", text);
		}
	}

	/** A click on a link in an email: the link's token and the message it was in. */
	record EmailClick(String token, String messageId, String ip, String userAgent) implements Evidence {

		@Override
		public ConsentSource source() {
			return ConsentSource.EMAIL_CLICK;
		}

		@Override
		public List<FieldViolation> missingForGrant() {
			List<FieldViolation> missing = new ArrayList<>();
			require(missing, "token", token, "the token of the clicked link");
			require(missing, "messageId", messageId, "the id of the email that held the link");
			return missing;
		}

		@Override
		public Map<String, Object> document() {
			return documentOf("token", token, "messageId", messageId, "ip", ip, "userAgent", userAgent);
		}
	}

	/** An answer in the preference centre: from where, and the checkbox as it was. */
	record PreferenceCentre(String token, String ip, String userAgent, EvidenceFields.Checkbox checkbox)
			implements Evidence {

		@Override
		public ConsentSource source() {
			return ConsentSource.PREFERENCE_CENTRE;
		}

		@Override
		public List<FieldViolation> missingForGrant() {
			List<FieldViolation> missing = new ArrayList<>();
			require(missing, "ip", ip, "the IP address the page was sent from");
			require(missing, "userAgent", userAgent, "the browser's user agent");
			return missing;
		}

		@Override
		public Map<String, Object> document() {
			return documentOf("token", token, "ip", ip, "userAgent", userAgent, "checkbox", checkbox);
		}
	}

	/**
	 * A consent brought in from elsewhere: the import it came with and the original proof the
	 * importer declares. Without that proof it is recorded, but as {@link ConsentStatus#UNPROVEN} (EDPB-01).
	 */
	record Import(String importId, String originalProof) implements Evidence {

		@Override
		public ConsentSource source() {
			return ConsentSource.IMPORT;
		}

		@Override
		public List<FieldViolation> missingForGrant() {
			List<FieldViolation> missing = new ArrayList<>();
			require(missing, "importId", importId, "the import the consent came with");
			return missing;
		}

		@Override
		public boolean proves() {
			return !blank(originalProof);
		}

		@Override
		public Map<String, Object> document() {
			return documentOf("importId", importId, "originalProof", originalProof);
		}
	}

	/** An answer an administrator recorded, with who and why in writing. */
	record Admin(String adminUser, String reason) implements Evidence {

		@Override
		public ConsentSource source() {
			return ConsentSource.ADMIN;
		}

		@Override
		public List<FieldViolation> missingForGrant() {
			List<FieldViolation> missing = new ArrayList<>();
			require(missing, "adminUser", adminUser, "the administrator who recorded the answer");
			require(missing, "reason", reason, "a written reason (how the person gave consent)");
			return missing;
		}

		@Override
		public Map<String, Object> document() {
			return documentOf("adminUser", adminUser, "reason", reason);
		}
	}

	private static void require(List<FieldViolation> missing, String field, String value, String what) {
		if (blank(value)) {
			missing.add(new FieldViolation("evidence." + field, "is required: " + what));
		}
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	private static Map<String, Object> documentOf(Object... namesAndValues) {
		Map<String, Object> document = new TreeMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			Object value = namesAndValues[i + 1];
			if (value instanceof EvidenceFields.Checkbox box) {
				Map<String, Object> state = new TreeMap<>();
				if (box.prechecked() != null) {
					state.put("prechecked", box.prechecked());
				}
				if (box.separateFromTerms() != null) {
					state.put("separateFromTerms", box.separateFromTerms());
				}
				value = state;
			}
			else if (value instanceof EvidenceFields.Embedded embedding) {
				Map<String, Object> how = new TreeMap<>();
				if (embedding.via() != null && !embedding.via().isBlank()) {
					how.put("via", embedding.via().strip());
				}
				if (embedding.origin() != null && !embedding.origin().isBlank()) {
					how.put("origin", embedding.origin().strip());
				}
				value = how.isEmpty() ? null : how;
			}
			else if (value instanceof String text) {
				value = text.isBlank() ? null : text.strip();
			}
			if (value != null) {
				document.put((String) namesAndValues[i], value);
			}
		}
		return document;
	}
}
