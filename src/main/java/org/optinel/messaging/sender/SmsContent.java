package org.optinel.messaging.sender;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.optinel.core.FieldViolation;
import org.optinel.core.InvalidInputException;
import org.optinel.messaging.SmsEncoding;
import org.optinel.messaging.SmsSize;
import org.optinel.messaging.SmsText;

/**
 * The content rules of an SMS, applied under a tenant's sender profile just before it is sent or
 * when a campaign's text is previewed.
 *
 * <p>Every SMS must be sendable: valid Unicode (no half of a surrogate pair), no control character
 * other than a line break, at most {@link #MAX_SEGMENTS} segments. Characters outside the GSM
 * alphabet are allowed; they make the whole text UCS-2, which the result says, with its segments.
 *
 * <p>A marketing SMS must also come from a sender id (FR-06), carry the profile's opt-out mention
 * (FR-05) and name the brand (EP-03, FR-05), in the text or as the alphanumeric sender id itself.
 * The mention and brand are found whatever their case, accents, punctuation or spacing, as whole
 * words. When one is missing, {@link OptOutMode#APPEND} adds it on a last line and
 * {@link OptOutMode#REFUSE} refuses the text, saying what it lacks. Transactional SMS get only the
 * first checks; so do the replies to keywords (KW-03 help, US-03 confirmation), which are not
 * marketing and carry their own sender and STOP wording.
 *
 * <p>Pure and thread-safe.
 */
public final class SmsContent {

	/** The longest SMS sent, in segments: beyond it, handsets and networks reassemble unreliably and the cost surprises. */
	public static final int MAX_SEGMENTS = 10;

	private SmsContent() {
	}

	/**
	 * The text to send for {@code text} under {@code profile}.
	 * @throws InvalidInputException naming {@code text} (or the profile's {@code smsSenderId} or
	 * {@code smsOptOutMention} when a marketing SMS cannot be sent until they are set), with the rule broken
	 */
	public static PreparedSms prepare(SenderProfile profile, String text, boolean marketing) {
		Objects.requireNonNull(profile, "profile");
		if (text == null || text.isBlank()) {
			throw new InvalidInputException("text", "is empty: give the text of the SMS");
		}
		String unsendable = unsendable(text);
		if (unsendable != null) {
			throw new InvalidInputException("text", unsendable);
		}
		List<FieldViolation> violations = new ArrayList<>();
		String prepared = marketing ? marketing(profile, text, violations) : text;
		SmsSize size = SmsText.measure(prepared);
		if (size.parts() > MAX_SEGMENTS) {
			violations.add(new FieldViolation("text", tooLong(prepared, size, !prepared.equals(text))));
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		Money cost = profile.smsCostPerSegment() == null ? null : profile.smsCostPerSegment().times(size.parts());
		return new PreparedSms(prepared, size.encoding(), size.parts(), cost);
	}

	/** The marketing text with what it lacks appended, or as it is with the faults added to {@code violations}. */
	private static String marketing(SenderProfile profile, String text, List<FieldViolation> violations) {
		if (profile.smsSenderId() == null) {
			violations.add(new FieldViolation(SmsSenderId.FIELD, "is not set: marketing SMS need a sender id, a short "
					+ "code such as 36111 or an alphanumeric sender such as ACME, never a mobile number; set a sender id "
					+ "with PUT /api/v1/messaging/sender (FR-06)"));
		}
		String mention = profile.smsOptOutMention();
		if (mention == null) {
			violations.add(new FieldViolation("smsOptOutMention", "is not set: marketing SMS carry a free opt-out "
					+ "mention such as 'STOP au 36111'; set it with PUT /api/v1/messaging/sender (FR-05)"));
		}
		// The text is normalised once for both phrases: it is the cost of every SMS a campaign queues.
		String searchable = Phrases.searchable(text);
		boolean lacksMention = mention != null && !Phrases.within(searchable, mention);
		boolean lacksBrand = !Phrases.within(searchable, profile.brand()) && !senderShowsBrand(profile);
		if (!lacksMention && !lacksBrand) {
			return text;
		}
		if (profile.optOutMode() == OptOutMode.REFUSE) {
			if (lacksMention) {
				violations.add(new FieldViolation("text", "lacks the opt-out mention '" + mention + "': marketing SMS "
						+ "say how to stop (FR-05, EP-03); add it to the text, or set optOutMode to APPEND"));
			}
			if (lacksBrand) {
				violations.add(new FieldViolation("text", "does not name the sender '" + profile.brand() + "': "
						+ "marketing SMS say who sends them (EP-03, FR-05); add the brand to the text, or set optOutMode "
						+ "to APPEND"));
			}
			return text;
		}
		String addition = lacksBrand && lacksMention ? profile.brand() + " - " + mention
				: lacksBrand ? profile.brand() : mention;
		return text.stripTrailing() + "\n" + addition;
	}

	/** Whether the recipient sees the brand as the sender: an alphanumeric sender that spells it. */
	private static boolean senderShowsBrand(SenderProfile profile) {
		SmsSenderId sender = profile.smsSenderId();
		if (sender == null || sender.isShortCode()) {
			return false;
		}
		String brand = Phrases.compact(profile.brand());
		return !brand.isEmpty() && Phrases.compact(sender.value()).contains(brand);
	}

	/** Why {@code text} cannot be sent as it is, or {@code null}. */
	private static String unsendable(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return ("holds half of a surrogate pair (U+%04X) at index %d: the text is not valid Unicode, probably "
						+ "cut inside an emoji or badly decoded; send it again as valid UTF-8").formatted((int) c, i);
			}
			else if (Character.isISOControl(c) && c != '\n' && c != '\r') {
				return "holds the control character U+%04X at index %d: only line breaks may appear in an SMS"
					.formatted((int) c, i);
			}
		}
		return null;
	}

	private static String tooLong(String text, SmsSize size, boolean appended) {
		StringBuilder message = new StringBuilder("is ").append(size.parts()).append(" segments long in ")
			.append(size.encoding() == SmsEncoding.GSM_7 ? "GSM-7" : "UCS-2");
		if (appended) {
			message.append(" with the appended line '").append(text.substring(text.lastIndexOf('\n') + 1)).append("'");
		}
		message.append("; at most ").append(MAX_SEGMENTS).append(" are sent: shorten it");
		if (size.encoding() == SmsEncoding.UCS_2) {
			String culprit = firstOutsideGsm(text);
			message.append(". '").append(culprit).append("' is outside the GSM alphabet and makes the whole text UCS-2, ")
				.append(SmsEncoding.UCS_2.partCapacity()).append(" characters a segment instead of ")
				.append(SmsEncoding.GSM_7.partCapacity());
		}
		return message.toString();
	}

	private static String firstOutsideGsm(String text) {
		return text.codePoints()
			.mapToObj(Character::toString)
			.filter(c -> SmsText.encodingOf(c) == SmsEncoding.UCS_2)
			.findFirst()
			.orElse("?");
	}
}
