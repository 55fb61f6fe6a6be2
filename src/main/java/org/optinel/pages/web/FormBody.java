package org.optinel.pages.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.optinel.pages.FormDefinition;
import org.optinel.pages.FormDraft;
import org.optinel.pages.HostedForm;

/**
 * A hosted form as the API reads it: the settings that the rules refuse ({@code precheckedByDefault},
 * {@code consentRequiredForTerms}, an ask's {@code channels}, {@code purposes}, {@code prechecked},
 * {@code required}) are read so that they can be refused by name.
 */
record FormBody(String name, List<AskBody> asks, List<FieldBody> fields, BrandBody brand, String privacyPolicyUrl,
		String controller, String redirectUrl, String termsCheckbox, Boolean precheckedByDefault,
		Boolean consentRequiredForTerms) {

	FormDraft draft() {
		return new FormDraft(name, asks == null ? null : asks.stream().map(a -> a == null ? null : a.draft()).toList(),
				fields == null ? null : fields.stream().map(f -> f == null ? null : new FormDraft.FieldDraft(f.name(), f.required())).toList(),
				brand == null ? null : new FormDraft.BrandDraft(brand.name(), brand.logoUrl(), brand.primaryColour()),
				privacyPolicyUrl, controller, redirectUrl, termsCheckbox, precheckedByDefault, consentRequiredForTerms);
	}

	record AskBody(String channel, List<String> channels, String purpose, List<String> purposes,
			Map<String, String> noticeIds, Boolean prechecked, Boolean required) {

		FormDraft.AskDraft draft() {
			return new FormDraft.AskDraft(channel, channels, purpose, purposes, noticeIds, prechecked, required);
		}
	}

	record FieldBody(String name, Boolean required) {
	}

	record BrandBody(String name, String logoUrl, String primaryColour) {
	}

	/** A stored version of a form, with the address of its public page. */
	record Stored(String id, int version, String url, Instant createdAt, String name, List<StoredAsk> asks,
			List<FormDefinition.Field> fields, FormDefinition.Brand brand, String privacyPolicyUrl, String controller,
			String redirectUrl, String termsCheckbox) {

		static Stored of(HostedForm form) {
			FormDefinition d = form.definition();
			return new Stored(form.id(), form.version(), FormPageController.PATH + form.publicKey(), form.createdAt(),
					d.name(), d.asks().stream().map(a -> new StoredAsk(a.channel().name(), a.purpose(), a.noticeIds())).toList(),
					d.fields(), d.brand(), d.privacyPolicyUrl(), d.controller(), d.redirectUrl(), d.termsCheckbox());
		}
	}

	record StoredAsk(String channel, String purpose, Map<String, String> noticeIds) {
	}
}
