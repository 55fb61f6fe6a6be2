package org.optinel.campaigns.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import org.optinel.campaigns.AnswerManagement;
import org.optinel.campaigns.Invitation;
import org.optinel.campaigns.LinkAnswer;
import org.optinel.campaigns.RecipientState;
import org.optinel.core.PublicPage;
import org.optinel.core.StyleHash;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The page behind a campaign's confirmation link, {@code /c/<token>}, sent by email or SMS
 * (SEED-03): no login, no cookie, no redirect. A GET only shows the campaign's question and two
 * buttons, because link scanners follow links: it never answers by itself (the rule of EM-02,
 * applied to consent). The buttons POST {@code choice=yes} or {@code choice=no}, recorded as a
 * consent event per asked purpose with the click's evidence (GDPR-02). In the language of
 * {@code ?lang=} (the page's switch), else the browser's first that the campaign asks in, else the
 * recipient's. An unknown token answers 404 and a campaign that is
 * over 410, both writing nothing.
 */
@RestController
class AnswerController {

	static final String PATH = "/c/";

	private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;"
			+ "padding:0 1rem;color:#111}.question{white-space:pre-line;font-size:1.1rem}.lang{text-align:right}"
			+ "a{color:#1d4ed8}button{display:block;width:100%;font-size:1rem;padding:.8rem 1.2rem;margin:.6rem 0}";

	/** The page's one inline style, allowed by its hash rather than by 'unsafe-inline'. */
	private static final String STYLE_HASH = StyleHash.of(STYLE);

	private static final Map<String, String> LANGUAGE_NAMES = Map.of("fr", "Français", "en", "English", "de", "Deutsch",
			"es", "Español", "it", "Italiano", "nl", "Nederlands", "pt", "Português");

	private final AnswerManagement answers;

	AnswerController(AnswerManagement answers) {
		this.answers = answers;
	}

	@GetMapping(path = PATH + "{token}", produces = MediaType.TEXT_HTML_VALUE)
	@Operation(summary = "A re-permission campaign's question with a yes and a no button; a GET never answers")
	ResponseEntity<String> page(@PathVariable String token, @RequestParam(name = "lang", required = false) String asked,
			@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
		Optional<Invitation> invitation = answers.invitation(token);
		if (invitation.isEmpty()) {
			return unknown();
		}
		Invitation i = invitation.get();
		String language = asked != null && i.questions().containsKey(asked) ? asked : language(i, acceptLanguage);
		if (i.standing() != Invitation.Standing.OPEN) {
			return over(i, language);
		}
		return question(token, i, language, null);
	}

	@PostMapping(path = PATH + "{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
			produces = MediaType.TEXT_HTML_VALUE)
	@Operation(summary = "Answer a re-permission campaign: choice=yes records a GRANT, choice=no a DENY, for every "
			+ "asked purpose, source EMAIL_CLICK with the token, message id, IP and user agent (SEED-03, GDPR-02); the "
			+ "same answer again records nothing")
	ResponseEntity<String> answer(@PathVariable String token, @RequestParam(required = false) String choice,
			@RequestParam(name = "lang", required = false) String shownIn,
			@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
			HttpServletRequest http) {
		if (!"yes".equals(choice) && !"no".equals(choice)) {
			Optional<Invitation> invitation = answers.invitation(token);
			if (invitation.isEmpty()) {
				return unknown();
			}
			String language = language(invitation.get(), acceptLanguage);
			return html(HttpStatus.BAD_REQUEST, language, text(language, "Réponse incomplète", "Incomplete answer"),
					"<p>" + text(language, "Choisissez oui ou non. Rien n'a été enregistré.",
							"Choose yes or no. Nothing was recorded.") + "</p>");
		}
		boolean yes = "yes".equals(choice);
		LinkAnswer answered = answers.answerByLink(token, yes, shownIn, http.getRemoteAddr(),
				http.getHeader(HttpHeaders.USER_AGENT));
		if (answered.result() == LinkAnswer.Result.UNKNOWN_LINK) {
			return unknown();
		}
		Invitation i = answered.invitation();
		String language = shownIn != null && i.questions().containsKey(shownIn) ? shownIn
				: language(i, acceptLanguage);
		if (answered.result() == LinkAnswer.Result.NOT_OPEN) {
			return over(i, language);
		}
		return question(token, i, language, yes);
	}

	/** The language of the page: the browser's first choice that the campaign asks in, else the recipient's. */
	static String language(Invitation invitation, String acceptLanguage) {
		if (acceptLanguage != null && !acceptLanguage.isBlank()) {
			try {
				String tag = Locale.lookupTag(Locale.LanguageRange.parse(acceptLanguage),
						List.copyOf(invitation.questions().keySet()));
				if (tag != null) {
					return tag.toLowerCase(Locale.ROOT);
				}
			}
			catch (IllegalArgumentException malformed) {
				// A header that cannot be read chooses nothing.
			}
		}
		return invitation.language();
	}

	/** The question and both buttons; after an answer, what was recorded above them. */
	private static ResponseEntity<String> question(String token, Invitation i, String language, Boolean answered) {
		String brand = escape(i.brand());
		StringBuilder body = new StringBuilder();
		// A switch to each other language the campaign asks in: the question is the campaign's own text.
		List<String> others = i.questions().keySet().stream().filter(l -> !l.equals(language)).sorted().toList();
		if (!others.isEmpty()) {
			body.append("<p class=\"lang\">");
			for (String other : others) {
				body.append("<a href=\"").append(PATH).append(escape(token)).append("?lang=").append(escape(other))
					.append("\" hreflang=\"").append(escape(other)).append("\" lang=\"").append(escape(other)).append("\">")
					.append(escape(LANGUAGE_NAMES.getOrDefault(other, other))).append("</a> ");
			}
			body.append("</p>\n");
		}
		if (answered != null) {
			body.append("<p role=\"status\"><strong>")
				.append(answered ? text(language, "Merci, c'est noté : vous continuerez à recevoir nos messages.",
						"Thank you, that is recorded: you will keep receiving our messages.")
						: text(language, "C'est noté : nous ne vous enverrons plus ces messages.",
								"That is recorded: we will not send you these messages any more."))
				.append("</strong></p>\n");
		}
		else if (i.state() == RecipientState.CONFIRMED || i.state() == RecipientState.DECLINED) {
			boolean yes = i.state() == RecipientState.CONFIRMED;
			body.append("<p>")
				.append(text(language, "Votre réponse actuelle : ", "Your current answer: "))
				.append(yes ? text(language, "oui", "yes") : text(language, "non", "no"))
				.append(text(language, ". Vous pouvez la changer.", ". You may change it."))
				.append("</p>\n");
		}
		body.append("<p id=\"question\" class=\"question\">")
			.append(escape(i.question(language)))
			.append("</p>\n<form method=\"post\" action=\"")
			.append(PATH)
			.append(escape(token))
			.append("\" aria-labelledby=\"question\">\n")
			.append("<input type=\"hidden\" name=\"lang\" value=\"")
			.append(escape(language))
			.append("\">\n<button type=\"submit\" name=\"choice\" value=\"yes\">")
			.append(text(language, "Oui, je veux continuer à recevoir vos messages",
					"Yes, I want to keep receiving your messages"))
			.append("</button>\n<button type=\"submit\" name=\"choice\" value=\"no\">")
			.append(text(language, "Non merci", "No thanks"))
			.append("</button>\n</form>");
		return html(HttpStatus.OK, language, brand, body.toString());
	}

	private static ResponseEntity<String> over(Invitation i, String language) {
		String brand = escape(i.brand());
		String message = i.standing() == Invitation.Standing.CAMPAIGN_OVER
				? text(language, "Cette campagne est terminée : votre réponse ne peut plus être enregistrée.",
						"This campaign is over: your answer can no longer be recorded.")
				: text(language, "Vous vous êtes désabonné(e) : rien ne vous est plus demandé ici.",
						"You unsubscribed: nothing is asked of you here any more.");
		return html(HttpStatus.GONE, language, brand, "<p>" + message + "</p>");
	}

	private static ResponseEntity<String> unknown() {
		return html(HttpStatus.NOT_FOUND, "fr", "Lien invalide · Invalid link",
				"<p lang=\"fr\">Ce lien n'est pas valide.</p><p lang=\"en\">This link is not valid.</p>");
	}

	/** Escapes for HTML, leaving letters such as é as they are: the page is UTF-8. */
	private static String escape(String text) {
		return HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
	}

	/** French on a French page; English on any other, whose question is in its own language. */
	private static String text(String language, String french, String english) {
		return "fr".equals(language) ? french : english;
	}

	private static ResponseEntity<String> html(HttpStatus status, String language, String title, String body) {
		String page = """
				<!doctype html>
				<html lang="%s"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
				<title>%s</title>
				<style>%s</style></head>
				<body><main><h1>%s</h1>
				%s
				</main></body></html>
				""".formatted(escape(language), title, STYLE, title, body);
		return PublicPage.html(status, "default-src 'none'; style-src " + STYLE_HASH + "; form-action 'self'; "
				+ "frame-ancestors 'none'; base-uri 'none'").header("X-Robots-Tag", "noindex").body(page);
	}
}
