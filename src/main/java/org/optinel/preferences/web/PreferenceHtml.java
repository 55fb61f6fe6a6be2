package org.optinel.preferences.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.optinel.consent.Notice;
import org.optinel.consent.Purpose;
import org.optinel.core.Channel;
import org.optinel.core.PublicPage;
import org.optinel.core.StyleHash;
import org.optinel.preferences.PreferenceChange;
import org.optinel.preferences.PreferenceLinks;
import org.optinel.preferences.PreferencePage;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.HtmlUtils;

/**
 * The HTML of the preference centre, built by hand: every value from the tenant, a notice or the
 * person goes through {@link HtmlUtils#htmlEscape}; the page loads nothing but its one inline style,
 * allowed by hash; no script, no cookie, not stored, not framed. A box is written ticked only when
 * it is the person's standing choice ({@link PreferencePage.Choice#ticked()}).
 */
final class PreferenceHtml {

	/** The form field that carries the page's language. */
	static final String LANGUAGE = "lang";

	/** The form field of the button pressed: {@link #SAVE} or {@link #STOP}. */
	static final String ACTION = "action";

	static final String SAVE = "save";

	static final String STOP = "stop";

	/** The value a ticked box sends. */
	static final String TICKED = "yes";

	private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;"
			+ "padding:0 1rem;color:#111;background:#fff}"
			+ "fieldset{margin:1rem 0;padding:.5rem 1rem;border:1px solid #767676}legend{font-weight:bold}"
			+ ".notice{margin:.25rem 0 .75rem;padding:.5rem;background:#f3f4f6;color:#111}"
			+ ".note{font-size:.9rem;color:#333}.state{color:#333}"
			+ "input[type=checkbox]{width:1.2rem;height:1.2rem;vertical-align:middle}"
			+ "button{font-size:1rem;padding:.6rem 1.2rem;background:#1d4ed8;color:#fff;border:0;cursor:pointer}"
			+ "button.stop{background:#b00020}.stopall{border-color:#b00020}"
			+ "h1{border-bottom:4px solid #1d4ed8}.lang{text-align:right}.errors{border:2px solid #b00020;padding:0 1rem}";

	private static final String CSP = "default-src 'none'; style-src " + StyleHash.of(STYLE)
			+ "; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

	private PreferenceHtml() {
	}

	/** The page of choices, and the separate "stop everything" form. */
	static ResponseEntity<String> page(PreferencePage page, String token) {
		String lang = page.language();
		String action = PreferenceLinks.PATH + e(token);
		StringBuilder body = new StringBuilder();
		switchLink(body, token, lang);
		body.append("<p>").append(String.format(PreferenceTexts.INTRO.in(lang), e(page.sender()))).append("</p>\n");
		Map<String, List<PreferencePage.Choice>> byPurpose = new LinkedHashMap<>();
		page.choices().forEach(c -> byPurpose.computeIfAbsent(c.purpose().key(), k -> new ArrayList<>()).add(c));
		if (byPurpose.isEmpty()) {
			body.append("<p>").append(PreferenceTexts.NOTHING_TO_CHOOSE.in(lang)).append("</p>\n");
		}
		else {
			body.append("<form method=\"post\" action=\"").append(action).append("\">\n");
			hidden(body, LANGUAGE, lang);
			int n = 0;
			for (List<PreferencePage.Choice> choices : byPurpose.values()) {
				Purpose purpose = choices.get(0).purpose();
				body.append("<fieldset><legend>").append(e(purpose.name())).append("</legend>\n");
				notice(body, choices.get(0).notice(), lang);
				for (PreferencePage.Choice c : choices) {
					String id = "choice" + n++;
					body.append("<p>");
					if (c.choosable()) {
						body.append("<input type=\"checkbox\" id=\"").append(id).append("\" name=\"").append(e(c.key()))
							.append("\" value=\"").append(TICKED).append("\"");
						if (c.ticked()) {
							body.append(" checked");
						}
						body.append("> <label for=\"").append(id).append("\">").append(channel(c.channel(), lang))
							.append(" <span class=\"state\">(").append(state(c, lang)).append(")</span></label>");
					}
					else {
						body.append(channel(c.channel(), lang)).append(" <span class=\"state\">(")
							.append(state(c, lang)).append(", ").append(PreferenceTexts.NO_NOTICE.in(lang))
							.append(")</span>");
					}
					body.append("</p>\n");
				}
				body.append("</fieldset>\n");
			}
			body.append("<p><button type=\"submit\" name=\"").append(ACTION).append("\" value=\"").append(SAVE)
				.append("\">").append(PreferenceTexts.SAVE.in(lang)).append("</button></p>\n</form>\n");
		}
		body.append("<form method=\"post\" action=\"").append(action).append("\">\n");
		hidden(body, LANGUAGE, lang);
		body.append("<fieldset class=\"stopall\"><legend>").append(PreferenceTexts.STOP_ALL.in(lang))
			.append("</legend>\n<p>").append(String.format(PreferenceTexts.STOP_ALL_TEXT.in(lang), e(page.sender())))
			.append("</p>\n<p><button class=\"stop\" type=\"submit\" name=\"").append(ACTION).append("\" value=\"")
			.append(STOP).append("\">").append(PreferenceTexts.STOP_BUTTON.in(lang))
			.append("</button></p>\n</fieldset>\n</form>\n");
		return html(HttpStatus.OK, lang, PreferenceTexts.TITLE.in(lang) + " – " + e(page.sender()), body.toString());
	}

	/** The confirmation after a save or a stop: what changed, purpose names as the page showed them. */
	static ResponseEntity<String> done(PreferencePage page, String token, List<PreferenceChange> changes,
			boolean stopped) {
		String lang = page.language();
		Map<String, String> names = new LinkedHashMap<>();
		page.choices().forEach(c -> names.put(c.purpose().key(), c.purpose().name()));
		StringBuilder body = new StringBuilder();
		switchLink(body, token, lang);
		if (changes.isEmpty()) {
			body.append("<p>").append(PreferenceTexts.NOTHING_CHANGED.in(lang)).append("</p>\n");
		}
		else {
			body.append("<p>").append(PreferenceTexts.CHANGED.in(lang)).append("</p>\n<ul>\n");
			for (PreferenceChange change : changes) {
				String channel = channel(change.channel(), lang);
				String purpose = change.purpose() == null ? "" : e(names.getOrDefault(change.purpose(), change.purpose()));
				PreferenceTexts text;
				switch (change.kind()) {
					case GRANTED:
						text = PreferenceTexts.CHANGE_GRANTED;
						break;
					case WITHDRAWN:
						text = PreferenceTexts.CHANGE_WITHDRAWN;
						break;
					case RESUMED:
						text = PreferenceTexts.CHANGE_RESUMED;
						break;
					default:
						text = PreferenceTexts.CHANGE_STOPPED;
				}
				// After the purpose, the channel reads in lower case: "Offres, par e-mail : accepté".
				String line = change.purpose() == null ? String.format(text.in(lang), channel)
						: String.format(text.in(lang), purpose, channel.substring(0, 1).toLowerCase(java.util.Locale.ROOT)
								+ channel.substring(1));
				body.append("<li>").append(line).append("</li>\n");
			}
			body.append("</ul>\n");
		}
		body.append("<p><a href=\"").append(PreferenceLinks.PATH).append(e(token)).append("?lang=").append(lang)
			.append("\">").append(PreferenceTexts.BACK.in(lang)).append("</a></p>\n");
		String title = (stopped ? PreferenceTexts.STOPPED_TITLE : PreferenceTexts.SAVED_TITLE).in(lang);
		return html(HttpStatus.OK, lang, title, body.toString());
	}

	/** A link that opens nothing: forged, altered, another tenant's, erased (404) or expired (410). */
	static ResponseEntity<String> refusedLink(PreferenceLinks.Refusal refusal, String lang) {
		boolean expired = refusal == PreferenceLinks.Refusal.EXPIRED;
		String title = (expired ? PreferenceTexts.EXPIRED_TITLE : PreferenceTexts.INVALID_TITLE).in(lang);
		String text = (expired ? PreferenceTexts.EXPIRED : PreferenceTexts.INVALID).in(lang);
		return html(expired ? HttpStatus.GONE : HttpStatus.NOT_FOUND, lang, title, "<p>" + text + "</p>\n");
	}

	/** A submission that does not match the page: nothing was written. */
	static ResponseEntity<String> refusedForm(String token, String lang) {
		String body = "<div role=\"alert\" class=\"errors\"><p>" + PreferenceTexts.REFUSED.in(lang) + "</p></div>\n"
				+ "<p><a href=\"" + PreferenceLinks.PATH + e(token) + "?lang=" + lang + "\">"
				+ PreferenceTexts.BACK.in(lang) + "</a></p>\n";
		return html(HttpStatus.UNPROCESSABLE_CONTENT, lang, PreferenceTexts.REFUSED_TITLE.in(lang), body);
	}

	private static void notice(StringBuilder body, Notice notice, String lang) {
		if (notice == null) {
			return;
		}
		boolean fallback = !PreferencePage.inLanguage(notice, lang);
		if (fallback) {
			String other = "en".equals(lang) ? "fr" : "en";
			body.append("<p class=\"note\">").append((PreferencePage.inLanguage(notice, other)
					? PreferenceTexts.FALLBACK : PreferenceTexts.FALLBACK_OTHER).in(lang)).append("</p>\n");
			body.append("<p class=\"notice\" lang=\"").append(e(notice.language())).append("\">");
		}
		else {
			body.append("<p class=\"notice\">");
		}
		body.append(e(notice.text())).append("</p>\n");
	}

	private static String state(PreferencePage.Choice c, String lang) {
		if (c.suppressed()) {
			return PreferenceTexts.STOPPED.in(lang);
		}
		PreferenceTexts status = PreferenceTexts.NEVER;
		if (c.status() != null) {
			switch (c.status()) {
				case GRANTED:
					status = PreferenceTexts.GRANTED;
					break;
				case PENDING:
					status = PreferenceTexts.PENDING;
					break;
				case UNPROVEN:
					status = PreferenceTexts.UNPROVEN;
					break;
				case WITHDRAWN:
					status = PreferenceTexts.WITHDRAWN;
					break;
				default:
					status = PreferenceTexts.DENIED;
			}
		}
		// French puts a space before a colon, English does not.
		return PreferenceTexts.NOW.in(lang) + ("en".equals(lang) ? ": " : "\u00a0: ") + status.in(lang);
	}

	private static String channel(Channel channel, String lang) {
		return (channel == Channel.SMS ? PreferenceTexts.SMS : PreferenceTexts.EMAIL).in(lang);
	}

	private static void switchLink(StringBuilder body, String token, String lang) {
		String other = "en".equals(lang) ? "fr" : "en";
		body.append("<p class=\"lang\"><a href=\"").append(PreferenceLinks.PATH).append(e(token)).append("?lang=")
			.append(other).append("\" hreflang=\"").append(other).append("\" lang=\"").append(other).append("\">")
			.append(PreferenceTexts.SWITCH.in(lang)).append("</a></p>\n");
	}

	private static void hidden(StringBuilder body, String name, String value) {
		body.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"").append(e(value)).append("\">\n");
	}

	private static ResponseEntity<String> html(HttpStatus status, String lang, String title, String body) {
		String page = "<!doctype html>\n<html lang=\"" + lang + "\"><head><meta charset=\"utf-8\">"
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
				+ "<meta name=\"robots\" content=\"noindex\">\n<title>" + title + "</title>\n<style>" + STYLE
				+ "</style></head>\n<body><main><h1>" + title + "</h1>\n" + body + "</main></body></html>\n";
		return PublicPage.html(status, CSP).body(page);
	}

	private static String e(String text) {
		return HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
	}
}
