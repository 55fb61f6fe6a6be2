package org.optinel.consent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Evidence as a caller sent it, every field of every source kind; {@link Evidence#of} keeps those
 * that belong to the answer's source.
 *
 * @param number the phone number an SMS reply came from
 * @param originalProof what the importer declares as the original proof (a form archive, a signed paper...)
 * @param reason an administrator's written reason
 * @param embedded how a web form was embedded in another site of the business, or {@code null}
 */
public record EvidenceFields(String formId, String ip, String userAgent, Checkbox checkbox, String messageId,
		String number, String text, String token, String importId, String originalProof, String adminUser,
		String reason, String reference, Embedded embedded) {

	public static final EvidenceFields NONE = new EvidenceFields(null, null, null, null, null, null, null, null, null,
			null, null, null, null);

	/** Evidence of anything but an embedded web form. */
	public EvidenceFields(String formId, String ip, String userAgent, Checkbox checkbox, String messageId,
			String number, String text, String token, String importId, String originalProof, String adminUser,
			String reason, String reference) {
		this(formId, ip, userAgent, checkbox, messageId, number, text, token, importId, originalProof, adminUser,
				reason, reference, null);
	}

	/**
	 * A web form shown inside another site: {@code via} {@code iframe} or {@code script}, and that
	 * site's origin ({@code https://shop.example.fr}) when it is known.
	 */
	public record Embedded(String via, String origin) {
	}

	/** The state of the consent checkbox when the form was sent. */
	public record Checkbox(Boolean prechecked, Boolean separateFromTerms) {
	}

	/** The fields that carry a value, by their API names, in declaration order. */
	Map<String, Object> given() {
		Map<String, Object> given = new LinkedHashMap<>();
		put(given, "formId", formId);
		put(given, "ip", ip);
		put(given, "userAgent", userAgent);
		put(given, "checkbox", checkbox);
		put(given, "messageId", messageId);
		put(given, "number", number);
		put(given, "text", text);
		put(given, "token", token);
		put(given, "importId", importId);
		put(given, "originalProof", originalProof);
		put(given, "adminUser", adminUser);
		put(given, "reason", reason);
		put(given, "reference", reference);
		put(given, "embedded", embedded);
		return given;
	}

	private static void put(Map<String, Object> map, String name, Object value) {
		if (value instanceof String text && text.isBlank()) {
			return;
		}
		if (value != null) {
			map.put(name, value instanceof String text ? text.strip() : value);
		}
	}
}
