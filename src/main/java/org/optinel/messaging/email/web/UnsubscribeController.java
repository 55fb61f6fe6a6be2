package org.optinel.messaging.email.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.optinel.core.Channel;
import org.optinel.messaging.UnsubscribeLinks;
import org.optinel.messaging.UnsubscribeLinks.Unsubscribe;
import org.optinel.suppression.IdentifierKind;
import org.optinel.suppression.SuppressionList;
import org.optinel.suppression.SuppressionReason;
import org.optinel.tenancy.TenantManagement;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.http.CacheControl;
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
 * nothing. A token that is not one of Optinel's answers a plain page and changes nothing.
 */
@RestController
class UnsubscribeController {

	private static final String ONE_CLICK = "One-Click";

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
	ResponseEntity<String> page(@PathVariable String token) {
		Optional<Unsubscribe> request = links.read(token);
		if (request.isEmpty()) {
			return invalid();
		}
		String sender = HtmlUtils.htmlEscape(tenants.require(request.get().tenant()).name());
		return html(HttpStatus.OK, "Se désabonner · Unsubscribe", """
				<p lang="fr">Vous ne recevrez plus d'e-mails de %1$s.</p>
				<p lang="en">You will no longer receive emails from %1$s.</p>
				<form method="post">
				  <input type="hidden" name="List-Unsubscribe" value="One-Click">
				  <button type="submit">Me désabonner · Unsubscribe</button>
				</form>""".formatted(sender));
	}

	@PostMapping(path = UnsubscribeLinks.PATH + "{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
			produces = MediaType.TEXT_HTML_VALUE)
	@Operation(summary = "One-click unsubscribe (RFC 8058): List-Unsubscribe=One-Click puts the address on the "
			+ "email suppression list at once (EM-02, EM-03)")
	ResponseEntity<String> unsubscribe(@PathVariable String token,
			@RequestParam(name = "List-Unsubscribe", required = false) String oneClick, HttpServletRequest http) {
		Optional<Unsubscribe> request = links.read(token);
		if (request.isEmpty()) {
			return invalid();
		}
		if (!ONE_CLICK.equals(oneClick)) {
			return html(HttpStatus.BAD_REQUEST, "Se désabonner · Unsubscribe",
					"<p>This request must carry List-Unsubscribe=One-Click (RFC 8058). Nothing was changed.</p>");
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
		String sender = HtmlUtils.htmlEscape(tenants.require(u.tenant()).name());
		return html(HttpStatus.OK, "Désabonné · Unsubscribed", """
				<p lang="fr">C'est fait : vous ne recevrez plus d'e-mails de %1$s.</p>
				<p lang="en">Done: you will no longer receive emails from %1$s.</p>""".formatted(sender));
	}

	private static ResponseEntity<String> invalid() {
		return html(HttpStatus.NOT_FOUND, "Lien invalide · Invalid link",
				"<p lang=\"fr\">Ce lien de désabonnement n'est pas valide.</p>"
						+ "<p lang=\"en\">This unsubscribe link is not valid.</p>");
	}

	private static ResponseEntity<String> html(HttpStatus status, String title, String body) {
		String page = """
				<!doctype html>
				<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
				<title>%s</title>
				<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#111}
				button{font-size:1rem;padding:.6rem 1.2rem}</style></head>
				<body><main><h1>%s</h1>
				%s
				</main></body></html>
				""".formatted(title, title, body);
		return ResponseEntity.status(status)
			.cacheControl(CacheControl.noStore())
			.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
					+ "frame-ancestors 'none'; base-uri 'none'")
			.header("Referrer-Policy", "no-referrer")
			.header("X-Content-Type-Options", "nosniff")
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.body(page);
	}
}
