package org.optinel.pages.web;

import java.util.List;

import org.optinel.core.Channel;
import org.optinel.pages.FormConfirmations;
import org.optinel.pages.FormDefinition;
import org.optinel.pages.FormSubmission;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.optinel.pages.web.FormHtml.e;

/**
 * The HTML of the double opt-in pages, with the conventions of {@link FormHtml}: every value
 * escaped, no script, the same headers. The confirmation page holds one button and changes nothing
 * by being opened; the SMS code form has one labelled input per code.
 */
final class ConfirmationHtml {

	private ConfirmationHtml() {
	}

	/** The page a confirmation link opens: what is being confirmed, by whom, and one button. */
	static ResponseEntity<String> confirm(FormConfirmations.Request request, String token, String lang) {
		FormDefinition d = request.form().definition();
		StringBuilder body = new StringBuilder();
		switchLink(body, ConfirmationPageController.EMAIL + token, lang);
		controller(body, d, lang);
		asked(body, PageTexts.CONFIRM_ASKED, request.items(), lang);
		body.append("<form method=\"post\" action=\"").append(ConfirmationPageController.EMAIL).append(e(token))
			.append("\">\n");
		FormHtml.hidden(body, FormSubmission.LANGUAGE, lang);
		body.append("<p><button type=\"submit\">").append(PageTexts.CONFIRM_BUTTON.in(lang)).append("</button></p>\n")
			.append("</form>\n<p>").append(PageTexts.CONFIRM_IGNORE.in(lang)).append("</p>\n");
		return FormHtml.page(HttpStatus.OK, lang, d, PageTexts.CONFIRM_TITLE.in(lang), body.toString());
	}

	/**
	 * The thank-you page of a submission whose SMS grants wait for their code, with the code form;
	 * with an error above it after a wrong or missing code.
	 */
	static ResponseEntity<String> codeForm(HttpStatus status, FormConfirmations.Request request, String reference,
			String lang, String error) {
		FormDefinition d = request.form().definition();
		StringBuilder body = new StringBuilder();
		switchLink(body, ConfirmationPageController.SMS + reference, lang);
		if (error == null) {
			body.append("<p>").append(PageTexts.THANKS.in(lang)).append("</p>\n");
		}
		else {
			body.append("<div role=\"alert\" class=\"errors\"><p>").append(e(error)).append("</p></div>\n");
		}
		body.append("<p>").append(PageTexts.CHECK_SMS.in(lang)).append("</p>\n");
		controller(body, d, lang);
		asked(body, PageTexts.CONFIRM_ASKED, request.items(), lang);
		body.append("<form method=\"post\" action=\"").append(ConfirmationPageController.SMS).append(e(reference))
			.append("\">\n");
		FormHtml.hidden(body, FormSubmission.LANGUAGE, lang);
		List<FormConfirmations.Described> items = request.items();
		for (int i = 0; i < items.size(); i++) {
			String label = items.size() == 1 ? PageTexts.CODE.in(lang)
					: PageTexts.CODE_FOR.in(lang) + " " + e(items.get(i).purposeName());
			body.append("<p><label for=\"code").append(i).append("\">").append(label)
				.append("</label><br><input id=\"code").append(i).append("\" name=\"").append(ConfirmationPageController.CODE)
				.append("\" type=\"text\" inputmode=\"numeric\" autocomplete=\"one-time-code\" maxlength=\"6\" required></p>\n");
		}
		body.append("<p><button type=\"submit\">").append(PageTexts.CONFIRM_BUTTON.in(lang)).append("</button></p>\n")
			.append("</form>\n");
		return FormHtml.page(status, lang, d, PageTexts.CONFIRM_TITLE.in(lang), body.toString());
	}

	/** After a successful confirmation: what is now consented to, and how to withdraw (GDPR-05). */
	static ResponseEntity<String> confirmed(FormConfirmations.Request request, String lang) {
		FormDefinition d = request.form().definition();
		StringBuilder body = new StringBuilder();
		asked(body, PageTexts.CONFIRMED, request.items(), lang);
		controller(body, d, lang);
		body.append("<p>").append(FormHtml.withdrawal(d, lang)).append("</p>\n");
		return FormHtml.page(HttpStatus.OK, lang, d, PageTexts.CONFIRMED_TITLE.in(lang), body.toString());
	}

	/** A confirmation that confirms nothing any more, or was superseded, or could not be proven. */
	static ResponseEntity<String> failed(HttpStatus status, FormConfirmations.Request request, PageTexts title,
			PageTexts text, String lang) {
		return FormHtml.page(status, lang, request.form().definition(), title.in(lang),
				"<p>" + text.in(lang) + "</p>\n");
	}

	/** A reference this service did not sign: a plain page, no brand, nothing changed. */
	static ResponseEntity<String> invalid(String lang) {
		return FormHtml.page(HttpStatus.NOT_FOUND, lang, null, PageTexts.INVALID_LINK_TITLE.in(lang),
				"<p>" + PageTexts.INVALID_LINK.in(lang) + "</p>\n");
	}

	/** A submission refused because its confirmation could not be sent. */
	static ResponseEntity<String> undeliverable(FormDefinition d, String lang) {
		return FormHtml.page(HttpStatus.SERVICE_UNAVAILABLE, lang, d, e(d.name()),
				"<p>" + PageTexts.UNDELIVERABLE.in(lang) + "</p>\n");
	}

	private static void switchLink(StringBuilder body, String path, String lang) {
		String other = "en".equals(lang) ? "fr" : "en";
		body.append("<p class=\"lang\"><a href=\"").append(e(path)).append("?lang=").append(other)
			.append("\" hreflang=\"").append(other).append("\" lang=\"").append(other).append("\">")
			.append(PageTexts.SWITCH.in(lang)).append("</a></p>\n");
	}

	private static void controller(StringBuilder body, FormDefinition d, String lang) {
		body.append("<p>").append(PageTexts.CONTROLLER.in(lang)).append(FormHtml.colon(lang)).append(e(d.controller()))
			.append("</p>\n");
	}

	private static void asked(StringBuilder body, PageTexts heading, List<FormConfirmations.Described> items,
			String lang) {
		body.append("<p>").append(heading.in(lang)).append("</p>\n<ul>\n");
		for (FormConfirmations.Described item : items) {
			body.append("<li><strong>").append(e(item.purposeName())).append("</strong> ")
				.append((item.channel() == Channel.EMAIL ? PageTexts.BY_EMAIL : PageTexts.BY_SMS).in(lang))
				.append(FormHtml.colon(lang)).append("en".equals(lang) ? "“" : "«\u00a0").append(e(item.noticeText()))
				.append("en".equals(lang) ? "”" : "\u00a0»").append("</li>\n");
		}
		body.append("</ul>\n");
	}
}
