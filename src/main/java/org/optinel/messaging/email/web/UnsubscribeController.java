package org.optinel.messaging.email.web;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.optinel.core.Channel;
import org.optinel.core.PageLanguage;
import org.optinel.core.PublicPage;
import org.optinel.core.StyleHash;
import org.optinel.messaging.UnsubscribeLinks;
import org.optinel.messaging.UnsubscribeLinks.Unsubscribe;
import org.optinel.suppression.IdentifierKind;
import org.optinel.suppression.SuppressionList;
import org.optinel.suppression.SuppressionReason;
import org.optinel.tenancy.Tenant;
import org.optinel.tenancy.TenantManagement;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The one-click unsubscribe of RFC 8058 behind every marketing email's {@code List-Unsubscribe}
 * link (EM-02): no login, no cookie, no redirect. A GET only shows a page with one button, because
 * link scanners follow links (it never unsubscribes by itself); a POST with
 * {@code List-Unsubscribe=One-Click}, from a mail client or from that button, puts the address on
 * the tenant's suppression list for email at once (EM-03), with its evidence. Repeating it changes
 * nothing. A token that is not one of Optinel's answers a plain page and changes nothing. The page
 * speaks French or English ({@link PageLanguage}: the switch, the browser, the tenant's region).
 */
@RestController
class UnsubscribeController {

	private static final String ONE_CLICK = "One-Click";

	private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;"
			+ "padding:0 1rem;color:#111}button{font-size:1rem;padding:.6rem 1.2rem;background:#1d4ed8;color:#fff;"
			+ "border:0}.lang{text-align:right}a{color:#1d4ed8}";

	private static final String STYLE_HASH = StyleHash.of(STYLE);

	private final UnsubscribeLinks links;

	private final SuppressionList suppressions;

	private final TenantManagement tenants;

	UnsubscribeController(UnsubscribeLinks links, SuppressionList suppressions, TenantManagement tenants) {
		this.links = links;
		this.suppressions = suppressions;
		this.tenants = tenants;
	}

	@GetMapping(path = UnsubscribeLinks.PATH + "{token}", produces = MediaType.TEXT_HTML_VALUE)
	@Operation(summary = "The unsubscribe page: one button; a GET never unsubscribes (EM-02)")
	ResponseEntity<String> page(@PathVariable String token, @RequestParam(name = "lang", required = false) String lang,
			HttpServletRequest http) {
		Optional<Unsubscribe> request = links.read(token);
		if (request.isEmpty()) {
			return invalid(language(lang, http, null));
		}
		Tenant tenant = tenants.require(request.get().tenant());
		String language = language(lang, http, tenant);
		String sender = HtmlUtils.htmlEscape(tenant.name());
		String body = switcher(token, language) + "<p>" + Texts.ASK.in(language).formatted(sender) + "</p>\n"
				+ "<form method=\"post\" action=\"" + UnsubscribeLinks.PATH + token + "\">\n"
				+ "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">\n"
				+ "<input type=\"hidden\" name=\"lang\" value=\"" + language + "\">\n"
				+ "<button type=\"submit\">" + Texts.BUTTON.in(language) + "</button>\n</form>\n";
		return html(HttpStatus.OK, language, Texts.TITLE.in(language), body);
	}

	@PostMapping(path = UnsubscribeLinks.PATH + "{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
			produces = MediaType.TEXT_HTML_VALUE)
	@Operation(summary = "One-click unsubscribe (RFC 8058): List-Unsubscribe=One-Click puts the address on the "
			+ "email suppression list at once (EM-02, EM-03)")
	ResponseEntity<String> unsubscribe(@PathVariable String token,
			@RequestParam(name = "List-Unsubscribe", required = false) String oneClick,
			@RequestParam(name = "lang", required = false) String lang, HttpServletRequest http) {
		Optional<Unsubscribe> request = links.read(token);
		if (request.isEmpty()) {
			return invalid(language(lang, http, null));
		}
		Tenant tenant = tenants.require(request.get().tenant());
		String language = language(lang, http, tenant);
		if (!ONE_CLICK.equals(oneClick)) {
			return html(HttpStatus.BAD_REQUEST, language, Texts.TITLE.in(language),
					"<p>" + Texts.NOT_ONE_CLICK.in(language) + "</p>\n");
		}
		Unsubscribe u = request.get();
		Map<String, Object> evidence = new LinkedHashMap<>();
		evidence.put("source", "EMAIL_ONE_CLICK");
		evidence.put("list", u.list());
		evidence.put("ip", http.getRemoteAddr());
		String agent = http.getHeader("User-Agent");
		evidence.put("userAgent", agent == null ? "" : agent.substring(0, Math.min(agent.length(), 500)));
		suppressions.add(u.tenant(), u.emailHash(), IdentifierKind.EMAIL, Channel.EMAIL,
				SuppressionReason.EMAIL_UNSUBSCRIBE, evidence);
		String sender = HtmlUtils.htmlEscape(tenant.name());
		return html(HttpStatus.OK, language, Texts.DONE_TITLE.in(language),
				"<p>" + Texts.DONE.in(language).formatted(sender) + "</p>\n");
	}

	/** {@code ?lang=} (the switch, or the page's own form), else the browser's, else the tenant's region's. */
	private static String language(String asked, HttpServletRequest http, Tenant tenant) {
		List<Locale> browser = http.getHeader(HttpHeaders.ACCEPT_LANGUAGE) == null ? List.of()
				: Collections.list(http.getLocales());
		return PageLanguage.choose(asked, browser, tenant == null ? null : tenant.defaultRegion());
	}

	private static String switcher(String token, String language) {
		String other = PageLanguage.other(language);
		return "<p class=\"lang\"><a href=\"" + UnsubscribeLinks.PATH + token + "?lang=" + other + "\" hreflang=\""
				+ other + "\" lang=\"" + other + "\">" + Texts.SWITCH.in(language) + "</a></p>\n";
	}

	private static ResponseEntity<String> invalid(String language) {
		return html(HttpStatus.NOT_FOUND, language, Texts.INVALID_TITLE.in(language),
				"<p>" + Texts.INVALID.in(language) + "</p>\n");
	}

	private static ResponseEntity<String> html(HttpStatus status, String language, String title, String body) {
		String page = "<!doctype html>\n<html lang=\"" + language + "\"><head><meta charset=\"utf-8\">"
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + title
				+ "</title>\n<style>" + STYLE + "</style></head>\n<body><main><h1>" + title + "</h1>\n" + body
				+ "</main></body></html>\n";
		return PublicPage.html(status, "default-src 'none'; style-src " + STYLE_HASH + "; form-action 'self'; "
				+ "frame-ancestors 'none'; base-uri 'none'").body(page);
	}

	/** The page's words; {@code %1$s} is the sender's name, already escaped. */
	private enum Texts {

		TITLE("Se désabonner", "Unsubscribe"),
		ASK("Pour ne plus recevoir d'e-mails de %1$s, cliquez sur le bouton.",
				"To stop receiving emails from %1$s, click the button."),
		BUTTON("Me désabonner", "Unsubscribe me"),
		DONE_TITLE("Désabonnement confirmé", "Unsubscribed"),
		DONE("C'est fait : vous ne recevrez plus d'e-mails de %1$s.", "Done: you will no longer receive emails from %1$s."),
		NOT_ONE_CLICK("Cette demande doit porter List-Unsubscribe=One-Click (RFC 8058). Rien n'a été modifié.",
				"This request must carry List-Unsubscribe=One-Click (RFC 8058). Nothing was changed."),
		INVALID_TITLE("Lien invalide", "Invalid link"),
		INVALID("Ce lien de désabonnement n'est pas valide.", "This unsubscribe link is not valid."),
		SWITCH("English", "Français");

		private final String fr;

		private final String en;

		Texts(String fr, String en) {
			this.fr = fr;
			this.en = en;
		}

		String in(String language) {
			return PageLanguage.ENGLISH.equals(language) ? en : fr;
		}
	}
}
