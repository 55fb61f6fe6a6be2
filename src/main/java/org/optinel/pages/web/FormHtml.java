package org.optinel.pages.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.optinel.core.Channel;
import org.optinel.core.FieldViolation;
import org.optinel.core.PublicPage;
import org.optinel.core.StyleHash;
import org.optinel.pages.FormDefinition;
import org.optinel.pages.FormPage;
import org.optinel.pages.FormSubmission;
import org.optinel.pages.HostedForm;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.HtmlUtils;

/**
 * The HTML of the public form pages, built by hand: every value from a definition or a person goes
 * through {@link HtmlUtils#htmlEscape}, and the page loads nothing but its one inline style (allowed
 * by hash) and the brand's logo. Every consent box is written unticked.
 */
final class FormHtml {

	private FormHtml() {
	}

	/** The form, with the errors of a refused submission above it and the details the person typed. */
	static ResponseEntity<String> form(HttpStatus status, FormPage page, List<FieldViolation> errors,
			Map<String, String> typed) {
		return form(status, page, errors, typed, Framing.STANDALONE);
	}

	/** The form as {@link #form(HttpStatus, FormPage, List, Map)}, shown as {@code framing} says. */
	static ResponseEntity<String> form(HttpStatus status, FormPage page, List<FieldViolation> errors,
			Map<String, String> typed, Framing framing) {
		HostedForm form = page.form();
		FormDefinition d = form.definition();
		String lang = page.language();
		StringBuilder body = new StringBuilder();
		String other = "en".equals(lang) ? "fr" : "en";
		body.append("<p class=\"lang\"><a href=\"").append(e(framing.inLanguage(form.publicKey(), other)))
			.append("\" data-optinel-lang=\"").append(other).append("\" hreflang=\"").append(other).append("\" lang=\"").append(other)
			.append("\">").append(PageTexts.SWITCH.in(lang)).append("</a></p>\n");
		body.append("<p>").append(PageTexts.CONTROLLER.in(lang)).append(colon(lang))
			.append(e(d.controller())).append("</p>\n");
		errors(body, errors, lang, PageTexts.ERRORS);
		body.append("<form method=\"post\" action=\"").append(e(framing.action(form.publicKey()))).append("\">\n");
		hidden(body, FormSubmission.LANGUAGE, lang);
		if (framing.mode() == Framing.Mode.IFRAME && framing.embedOrigin() != null) {
			hidden(body, Framing.ORIGIN, framing.embedOrigin());
		}
		hidden(body, FormSubmission.VERSION, Integer.toString(form.version()));
		body.append("<fieldset><legend>").append(PageTexts.DETAILS.in(lang)).append("</legend>\n");
		for (FormDefinition.Field field : d.fields()) {
			String id = "f-" + field.name();
			body.append("<p><label for=\"").append(id).append("\">").append(PageTexts.field(field.name(), lang));
			if (field.required()) {
				body.append(" (").append(PageTexts.REQUIRED.in(lang)).append(")");
			}
			body.append("</label><br><input id=\"").append(id).append("\" name=\"").append(field.name())
				.append("\" type=\"").append(inputType(field.name())).append("\" autocomplete=\"")
				.append(autocomplete(field.name())).append("\"");
			String value = typed.get(field.name());
			if (value != null) {
				body.append(" value=\"").append(e(value)).append("\"");
			}
			if (field.required()) {
				body.append(" required");
			}
			body.append("></p>\n");
		}
		body.append("</fieldset>\n");
		body.append("<fieldset><legend>").append(PageTexts.CHOICES.in(lang)).append("</legend>\n");
		for (int i = 0; i < d.asks().size(); i++) {
			String name = FormSubmission.ask(i);
			body.append("<p><input type=\"checkbox\" id=\"").append(name).append("\" name=\"").append(name)
				.append("\" value=\"").append(FormSubmission.TICKED).append("\"> <label for=\"").append(name)
				.append("\">").append(e(page.noticeTexts().get(i))).append("</label></p>\n");
		}
		body.append("<p>").append(withdrawal(d, lang)).append("</p>\n");
		body.append("</fieldset>\n");
		if (d.termsCheckbox() != null) {
			body.append("<fieldset><legend>").append(PageTexts.TERMS.in(lang)).append("</legend>\n")
				.append("<p><input type=\"checkbox\" id=\"terms\" name=\"").append(FormSubmission.TERMS)
				.append("\" value=\"").append(FormSubmission.TICKED).append("\"> <label for=\"terms\">")
				.append(e(d.termsCheckbox())).append("</label></p>\n</fieldset>\n");
		}
		// Embedded, the policy opens apart: it is not ours to frame, and the visitor keeps the form.
		body.append("<p><a href=\"").append(e(d.privacyPolicyUrl())).append("\" rel=\"noopener\"")
			.append(framing.mode() == Framing.Mode.STANDALONE ? "" : " target=\"_blank\"").append(">")
			.append(PageTexts.PRIVACY.in(lang)).append("</a></p>\n");
		body.append("<p><button type=\"submit\">").append(PageTexts.SUBMIT.in(lang)).append("</button></p>\n</form>\n");
		return page(status, lang, d, e(d.name()), body.toString(), framing);
	}

	/** The page after a recorded submission. */
	static ResponseEntity<String> thanks(FormDefinition d, String lang, boolean recorded) {
		return thanks(d, lang, recorded, Framing.STANDALONE);
	}

	/** The page after a recorded submission, shown as {@code framing} says. */
	static ResponseEntity<String> thanks(FormDefinition d, String lang, boolean recorded, Framing framing) {
		return page(HttpStatus.OK, lang, d, e(d.name()),
				"<p>" + (recorded ? PageTexts.THANKS : PageTexts.NOTHING).in(lang) + "</p>\n", framing);
	}

	/** The page after a submission whose grants wait for the confirmation sent by email. */
	static ResponseEntity<String> checkEmail(FormDefinition d, String lang) {
		return checkEmail(d, lang, Framing.STANDALONE);
	}

	/** {@link #checkEmail(FormDefinition, String)}, shown as {@code framing} says. */
	static ResponseEntity<String> checkEmail(FormDefinition d, String lang, Framing framing) {
		return page(HttpStatus.OK, lang, d, e(d.name()), "<p>" + PageTexts.THANKS.in(lang) + "</p>\n<p>"
				+ PageTexts.CHECK_EMAIL.in(lang) + "</p>\n", framing);
	}

	/**
	 * The answer of an embedded form whose SMS grants wait for their code: the code is typed on
	 * Optinel's own page, opened in a new tab, because that page is never framed.
	 */
	static ResponseEntity<String> checkSmsElsewhere(FormDefinition d, String lang, String codePageUrl,
			Framing framing) {
		return page(HttpStatus.OK, lang, d, e(d.name()), "<p>" + PageTexts.THANKS.in(lang) + "</p>\n<p>"
				+ PageTexts.CHECK_SMS_ELSEWHERE.in(lang) + " <a href=\"" + e(codePageUrl)
				+ "\" target=\"_blank\" rel=\"noopener\">" + PageTexts.ENTER_CODE.in(lang) + "</a></p>\n", framing);
	}

	/** A submission refused as altered or made up (GDPR-01): nothing was written. */
	static ResponseEntity<String> refused(FormDefinition d, String lang, List<FieldViolation> errors) {
		return refused(d, lang, errors, Framing.STANDALONE);
	}

	static ResponseEntity<String> refused(FormDefinition d, String lang, List<FieldViolation> errors, Framing framing) {
		StringBuilder body = new StringBuilder();
		errors(body, errors, lang, PageTexts.REFUSED);
		return page(HttpStatus.UNPROCESSABLE_CONTENT, lang, d, e(d.name()), body.toString(), framing);
	}

	static ResponseEntity<String> notFound(String lang) {
		return page(HttpStatus.NOT_FOUND, lang, null, PageTexts.NOT_FOUND.in(lang),
				"<p>" + PageTexts.NOT_FOUND.in(lang) + "</p>\n", Framing.STANDALONE);
	}

	/**
	 * For embed.js after a recorded submission to a form with a {@code redirectUrl}: the script
	 * sends the visitor on, as the page's 303 would.
	 */
	static ResponseEntity<String> redirectFragment(FormDefinition d, String lang) {
		return fragment(HttpStatus.OK, lang, e(d.name()), "<p data-optinel-redirect=\"" + e(d.redirectUrl()) + "\">"
				+ PageTexts.THANKS.in(lang) + "</p>\n");
	}

	/**
	 * What embed.js puts into the business's page: the form's heading and body, no document around
	 * them and no style (the business's page styles it). Its links and action are absolute.
	 */
	private static ResponseEntity<String> fragment(HttpStatus status, String lang, String title, String body) {
		String html = "<section class=\"optinel-form\" lang=\"" + lang + "\" aria-label=\"" + title + "\">\n<h2>"
				+ title + "</h2>\n" + body + "</section>\n";
		return PublicPage.html(status, null).body(html);
	}

	/** Where a refused submission's errors go: a list, each naming the field by its label. */
	private static void errors(StringBuilder body, List<FieldViolation> errors, String lang, PageTexts heading) {
		if (errors.isEmpty()) {
			return;
		}
		body.append("<div role=\"alert\" class=\"errors\"><p>").append(heading.in(lang)).append("</p><ul>\n");
		for (FieldViolation v : errors) {
			String message = ErrorTexts.in(lang, v.message());
			body.append("<li>").append(e(PageTexts.field(v.field(), lang))).append(colon(lang))
				.append(e(message)).append("</li>\n");
		}
		body.append("</ul></div>\n");
	}

	static String withdrawal(FormDefinition d, String lang) {
		boolean sms = d.asks().stream().anyMatch(a -> a.channel() == Channel.SMS);
		boolean email = d.asks().stream().anyMatch(a -> a.channel() == Channel.EMAIL);
		StringBuilder how = new StringBuilder(PageTexts.WITHDRAW.in(lang));
		if (sms) {
			how.append(' ').append(PageTexts.WITHDRAW_SMS.in(lang)).append(',');
		}
		if (email) {
			how.append(' ').append(PageTexts.WITHDRAW_EMAIL.in(lang)).append(',');
		}
		return how.append(' ').append(PageTexts.WITHDRAW_CENTRE.in(lang)).toString();
	}

	/** French puts a space before a colon, English does not. */
	static String colon(String lang) {
		return "en".equals(lang) ? ": " : "\u00a0: ";
	}

	static void hidden(StringBuilder body, String name, String value) {
		body.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"").append(e(value)).append("\">\n");
	}

	private static String inputType(String field) {
		return "email".equals(field) ? "email" : "phone".equals(field) ? "tel" : "text";
	}

	private static String autocomplete(String field) {
		switch (field) {
			case "email":
				return "email";
			case "phone":
				return "tel";
			case "firstName":
				return "given-name";
			default:
				return "family-name";
		}
	}

	/** A whole page, standalone. */
	static ResponseEntity<String> page(HttpStatus status, String lang, FormDefinition d, String title, String body) {
		return page(status, lang, d, title, body, Framing.STANDALONE);
	}

	private static ResponseEntity<String> page(HttpStatus status, String lang, FormDefinition d, String title,
			String body, Framing framing) {
		if (framing.fragment()) {
			return fragment(status, lang, title, body);
		}
		String colour = d == null || d.brand().primaryColour() == null ? "#1d4ed8" : d.brand().primaryColour();
		String style = "body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#111}"
				+ "fieldset{margin:1rem 0;padding:.5rem 1rem;border:1px solid #999}"
				+ "input[type=email],input[type=tel],input[type=text]{font-size:1rem;padding:.4rem;width:100%;box-sizing:border-box}"
				+ "input[type=checkbox]{width:1.2rem;height:1.2rem}"
				+ "button{font-size:1rem;padding:.6rem 1.2rem;background:" + colour + ";color:#fff;border:0}"
				+ "h1{border-bottom:4px solid " + colour + "}.errors{border:2px solid #b00020;padding:0 1rem}"
				+ ".lang{text-align:right}img{max-height:4rem}";
		StringBuilder header = new StringBuilder();
		if (d != null && d.brand().logoUrl() != null) {
			header.append("<img src=\"").append(e(d.brand().logoUrl())).append("\" alt=\"")
				.append(e(d.brand().name() == null ? d.controller() : d.brand().name())).append("\">\n");
		}
		String page = "<!doctype html>\n<html lang=\"" + lang + "\"><head><meta charset=\"utf-8\">"
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + title
				+ "</title>\n<style>" + style + "</style></head>\n<body><header>" + header + "</header><main><h1>" + title
				+ "</h1>\n" + body + "</main></body></html>\n";
		StringBuilder csp = new StringBuilder("default-src 'none'; style-src ").append(StyleHash.of(style));
		if (d != null && d.brand().logoUrl() != null) {
			csp.append("; img-src ").append(origin(d.brand().logoUrl()));
		}
		csp.append("; form-action 'self'");
		if (d != null && d.redirectUrl() != null) {
			// Browsers apply form-action to the redirect after the POST too.
			csp.append(' ').append(origin(d.redirectUrl()));
		}
		csp.append("; frame-ancestors ").append(framing.ancestors()).append("; base-uri 'none'");
		return PublicPage.html(status, csp.toString()).body(page);
	}

	/** The https origin of a URL that the rules accepted as https. */
	private static String origin(String url) {
		URI uri = URI.create(url);
		return "https://" + uri.getRawAuthority();
	}

	static String e(String text) {
		return HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
	}
}
