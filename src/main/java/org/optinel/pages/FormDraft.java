package org.optinel.pages;

import java.util.List;
import java.util.Map;

/**
 * A form as a caller sent it, before any rule is applied. It holds the settings that would make
 * the form unlawful ({@code precheckedByDefault}, {@code consentRequiredForTerms}, an ask that
 * names several channels or purposes, or is pre-ticked or required) so that they are refused by
 * name instead of being silently dropped.
 */
public record FormDraft(String name, List<AskDraft> asks, List<FieldDraft> fields, BrandDraft brand,
		String privacyPolicyUrl, String controller, String redirectUrl, String termsCheckbox,
		Boolean precheckedByDefault, Boolean consentRequiredForTerms, List<String> embedOrigins) {

	/** A draft of a form that no other site may embed. */
	public FormDraft(String name, List<AskDraft> asks, List<FieldDraft> fields, BrandDraft brand,
			String privacyPolicyUrl, String controller, String redirectUrl, String termsCheckbox,
			Boolean precheckedByDefault, Boolean consentRequiredForTerms) {
		this(name, asks, fields, brand, privacyPolicyUrl, controller, redirectUrl, termsCheckbox, precheckedByDefault,
				consentRequiredForTerms, null);
	}

	/** One ask as sent; {@code channels} and {@code purposes} exist only to refuse a bundle (GDPR-04). */
	public record AskDraft(String channel, List<String> channels, String purpose, List<String> purposes,
			Map<String, String> noticeIds, Boolean prechecked, Boolean required) {
	}

	/** A field as sent. */
	public record FieldDraft(String name, Boolean required) {
	}

	/** The brand as sent. */
	public record BrandDraft(String name, String logoUrl, String primaryColour) {
	}
}
