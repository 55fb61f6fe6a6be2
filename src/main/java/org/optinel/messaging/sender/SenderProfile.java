package org.optinel.messaging.sender;

import java.util.List;
import java.util.Objects;

import org.optinel.core.EmailAddress;

/**
 * How a tenant's messages name their sender and say how to stop (EP-03, FR-05, FR-06), and the
 * numbers on which its SMS replies arrive.
 *
 * <p>Invariants: {@code brand} is set; {@code inboundNumbers} holds normalised numbers (a short
 * code's digits or E.164), each once, in the tenant's order. A profile read from storage or made
 * by {@link NewSenderProfile#toProfile} also keeps the rules checked there: build one through it.
 *
 * @param brand the name that identifies the sender in the text of marketing messages (EP-03)
 * @param smsSenderId what recipients see as the SMS sender (FR-06); {@code null}: none set, and
 * marketing SMS are refused until one is
 * @param smsOptOutMention the opt-out mention carried by every marketing SMS, such as {@code STOP au
 * 36111} (FR-05); {@code null}: none set, and marketing SMS are refused until one is
 * @param optOutMode whether a marketing SMS lacking the mention or the brand gets them appended or is refused
 * @param emailFromAddress the {@code From} address of marketing email (EP-03); {@code null}: none set
 * @param emailFromName the {@code From} display name of marketing email (EP-03); {@code null}: none set
 * @param inboundNumbers the short codes and long numbers on which this tenant receives SMS replies
 * @param smsCostPerSegment the price of one SMS segment, for cost estimates; {@code null}: unknown
 */
public record SenderProfile(String brand, SmsSenderId smsSenderId, String smsOptOutMention, OptOutMode optOutMode,
		EmailAddress emailFromAddress, String emailFromName, List<String> inboundNumbers, Money smsCostPerSegment) {

	public SenderProfile {
		Objects.requireNonNull(brand, "brand");
		Objects.requireNonNull(optOutMode, "optOutMode");
		inboundNumbers = inboundNumbers == null ? List.of() : List.copyOf(inboundNumbers);
		if (brand.isBlank()) {
			throw new IllegalArgumentException("brand must not be blank");
		}
		if (inboundNumbers.stream().distinct().count() != inboundNumbers.size()) {
			throw new IllegalArgumentException("inboundNumbers must not repeat a number: " + inboundNumbers);
		}
	}

	/**
	 * The profile of a tenant that set none: its name as the brand, no SMS sender and no mention
	 * (so marketing SMS are refused until it sets them), missing mentions appended.
	 */
	public static SenderProfile defaults(String tenantName) {
		return new SenderProfile(tenantName, null, null, OptOutMode.APPEND, null, null, List.of(), null);
	}
}
