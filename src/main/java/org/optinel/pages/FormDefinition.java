package org.optinel.pages;

import java.util.List;
import java.util.Map;

import org.optinel.core.Channel;

/**
 * A hosted form as it was accepted: every rule of {@link FormManagement#define} holds for it. One
 * version of a form; a change makes the next version, never a new text for this one.
 *
 * @param asks one unticked checkbox each, in the order shown
 * @param fields the person's details asked for, in the order shown
 * @param redirectUrl where the browser goes after a submission; a thank-you page when {@code null}
 * @param termsCheckbox the text of a separate acceptance of the terms, or {@code null}
 * @param embedOrigins the origins ({@code https://shop.example.fr}) of the tenant's own sites that may embed
 *        the form, in an iframe or with its script; none when the form is only shown on its own page
 */
public record FormDefinition(String name, List<Ask> asks, List<Field> fields, Brand brand, String privacyPolicyUrl,
		String controller, String redirectUrl, String termsCheckbox, List<String> embedOrigins) {

	/** The languages a hosted form is shown in; the first is the default. */
	public static final List<String> LANGUAGES = List.of("fr", "en");

	/** The details a form may ask for. */
	public static final List<String> FIELD_NAMES = List.of("email", "phone", "firstName", "lastName");

	public FormDefinition {
		asks = List.copyOf(asks);
		fields = List.copyOf(fields);
		// Versions stored before forms could be embedded have no embedOrigins.
		embedOrigins = embedOrigins == null ? List.of() : List.copyOf(embedOrigins);
	}

	/** The field named {@code name}, or {@code null} when the form does not show it. */
	public Field field(String name) {
		return fields.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
	}

	/** One question: consent for one channel and one purpose, with the notice id per language. */
	public record Ask(Channel channel, String purpose, Map<String, String> noticeIds) {

		public Ask {
			noticeIds = Map.copyOf(noticeIds);
		}
	}

	/** A detail shown on the form, and whether the form cannot be sent without it. */
	public record Field(String name, boolean required) {
	}

	/** How the page looks: the brand's name, an https logo, a colour {@code #rrggbb}. */
	public record Brand(String name, String logoUrl, String primaryColour) {
	}
}
