package org.optinel.pages.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.optinel.pages.FormDefinition;
import org.optinel.pages.FormDraft;
import org.optinel.pages.HostedForm;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.HtmlUtils;

/**
 * A hosted form as the API reads it: the settings that the rules refuse ({@code precheckedByDefault},
 * {@code consentRequiredForTerms}, an ask's {@code channels}, {@code purposes}, {@code prechecked},
 * {@code required}) are read so that they can be refused by name.
 */
record FormBody(String name, List<AskBody> asks, List<FieldBody> fields, BrandBody brand, String privacyPolicyUrl,
		String controller, String redirectUrl, String termsCheckbox, Boolean precheckedByDefault,
		Boolean consentRequiredForTerms, List<String> embedOrigins) {

	FormDraft draft() {
		return new FormDraft(name, asks == null ? null : asks.stream().map(a -> a == null ? null : a.draft()).toList(),
				fields == null ? null : fields.stream().map(f -> f == null ? null : new FormDraft.FieldDraft(f.name(), f.required())).toList(),
				brand == null ? null : new FormDraft.BrandDraft(brand.name(), brand.logoUrl(), brand.primaryColour()),
				privacyPolicyUrl, controller, redirectUrl, termsCheckbox, precheckedByDefault, consentRequiredForTerms,
				embedOrigins);
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

	/**
	 * A stored version of a form, with the address of its public page and, when it declares
	 * {@code embedOrigins}, the snippets that embed it in those sites.
	 */
	record Stored(String id, int version, String url, Instant createdAt, String name, List<StoredAsk> asks,
			List<FormDefinition.Field> fields, FormDefinition.Brand brand, String privacyPolicyUrl, String controller,
			String redirectUrl, String termsCheckbox, List<String> embedOrigins, Embed embed) {

		static Stored of(HostedForm form) {
			FormDefinition d = form.definition();
			return new Stored(form.id(), form.version(), FormPageController.PATH + form.publicKey(), form.createdAt(),
					d.name(), d.asks().stream().map(a -> new StoredAsk(a.channel().name(), a.purpose(), a.noticeIds())).toList(),
					d.fields(), d.brand(), d.privacyPolicyUrl(), d.controller(), d.redirectUrl(), d.termsCheckbox(),
					d.embedOrigins(), Embed.of(form));
		}
	}

	/**
	 * Ready-to-paste HTML for the tenant's sites: an {@code iframe} of the form, or a {@code script}
	 * that shows it in the page itself (add {@code data-lang="en"} for English). Absent when the
	 * form declares no {@code embedOrigins}: no site may embed it.
	 */
	record Embed(String iframe, String script) {

		static Embed of(HostedForm form) {
			if (form.definition().embedOrigins().isEmpty()) {
				return null;
			}
			String page = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString()
					+ FormPageController.PATH + form.publicKey();
			String title = HtmlUtils.htmlEscape(form.definition().name(), StandardCharsets.UTF_8.name());
			return new Embed("<iframe src=\"" + page + "?" + Framing.EMBED + "=1\" title=\"" + title
					+ "\" width=\"100%\" height=\"760\" style=\"border:0\" loading=\"lazy\"></iframe>",
					"<script src=\"" + page + "/embed.js\" data-lang=\"fr\" async></script>");
		}
	}

	record StoredAsk(String channel, String purpose, Map<String, String> noticeIds) {
	}
}
