package org.optinel.preferences.web;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.optinel.consent.ConsentRefusedException;
import org.optinel.core.InvalidInputException;
import org.optinel.core.PageLanguage;
import org.optinel.preferences.PreferenceCentre;
import org.optinel.preferences.PreferenceChange;
import org.optinel.preferences.PreferenceForm;
import org.optinel.preferences.PreferenceLinks;
import org.optinel.preferences.PreferencePage;
import org.optinel.tenancy.TenantManagement;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The preference centre's public page, {@code /p/{token}}: no login, no cookie, no JavaScript.
 * French by default, English when the browser prefers it or {@code ?lang=en}, with a link to switch.
 * A link that is forged, altered, another tenant's or expired opens a plain page that changes
 * nothing. A POST saves the boxes (one consent event per change) or stops everything, then shows
 * what changed; a submission that does not match the page writes nothing.
 */
@RestController
@Tag(name = "Preference centre", description = "The public page where people change their consents")
class PreferencePageController {

	private final PreferenceLinks links;

	private final PreferenceCentre centre;

	private final TenantManagement tenants;

	PreferencePageController(PreferenceLinks links, PreferenceCentre centre, TenantManagement tenants) {
		this.links = links;
		this.centre = centre;
		this.tenants = tenants;
	}

	@GetMapping(path = PreferenceLinks.PATH + "{token}", produces = MediaType.TEXT_HTML_VALUE)
	@Operation(summary = "The preference centre of the person the signed link names: one box per channel and "
			+ "purpose (GDPR-04), ticked only where consent is granted, and a separate 'stop everything' button")
	ResponseEntity<String> page(@PathVariable String token, @RequestParam(name = "lang", required = false) String lang,
			HttpServletRequest request) {
		PreferenceLinks.Checked checked = links.check(token);
		if (!checked.valid()) {
			return PreferenceHtml.refusedLink(checked.refusal(), language(lang, request, null));
		}
		String language = language(lang, request, tenants.require(checked.link().tenant()).defaultRegion());
		return PreferenceHtml.page(centre.page(checked.link(), language), token);
	}

	@PostMapping(path = PreferenceLinks.PATH + "{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
			produces = MediaType.TEXT_HTML_VALUE)
	@Operation(summary = "Save the preference centre: one GRANT or WITHDRAW per changed box, source PREFERENCE_CENTRE, "
			+ "with IP, user agent, link issue time, checkbox and notice as evidence (GDPR-02, GDPR-05); or, with "
			+ "action=stop, suppress every channel and withdraw every grant (GDPR-07)")
	ResponseEntity<String> submit(@PathVariable String token, HttpServletRequest request) {
		Map<String, String[]> params = request.getParameterMap();
		String[] sentLanguage = params.get(PreferenceHtml.LANGUAGE);
		String language = sentLanguage != null && sentLanguage.length == 1
				&& PreferencePage.LANGUAGES.contains(sentLanguage[0]) ? sentLanguage[0] : PreferencePage.LANGUAGES.get(0);
		PreferenceLinks.Checked checked = links.check(token);
		if (!checked.valid()) {
			return PreferenceHtml.refusedLink(checked.refusal(), language);
		}
		String[] action = params.get(PreferenceHtml.ACTION);
		if (action == null || action.length != 1) {
			return PreferenceHtml.refusedForm(token, language);
		}
		String ip = request.getRemoteAddr();
		String userAgent = request.getHeader(HttpHeaders.USER_AGENT);
		boolean stop = PreferenceHtml.STOP.equals(action[0]);
		java.util.List<PreferenceChange> changes;
		try {
			if (stop) {
				if (params.size() != 2) {
					return PreferenceHtml.refusedForm(token, language);
				}
				changes = centre.stopEverything(checked.link(), ip, userAgent);
			}
			else if (PreferenceHtml.SAVE.equals(action[0])) {
				Set<String> ticked = new LinkedHashSet<>();
				for (Map.Entry<String, String[]> p : params.entrySet()) {
					if (p.getKey().equals(PreferenceHtml.LANGUAGE) || p.getKey().equals(PreferenceHtml.ACTION)) {
						continue;
					}
					if (p.getValue().length != 1 || !PreferenceHtml.TICKED.equals(p.getValue()[0])) {
						return PreferenceHtml.refusedForm(token, language);
					}
					ticked.add(p.getKey());
				}
				changes = centre.save(checked.link(), new PreferenceForm(ticked, ip, userAgent));
			}
			else {
				return PreferenceHtml.refusedForm(token, language);
			}
		}
		catch (InvalidInputException | ConsentRefusedException refused) {
			// Thrown out of the service's transaction: nothing of the submission was written.
			return PreferenceHtml.refusedForm(token, language);
		}
		return PreferenceHtml.done(centre.page(checked.link(), language), token, changes, stop);
	}

	/** {@code ?lang=} when it names a language of the page, else the browser's first such preference, else French. */
	private static String language(String asked, HttpServletRequest request) {
		return language(asked, request, null);
	}

	/** {@code ?lang=}, else the browser's, else the tenant's region's language ({@link PageLanguage}). */
	private static String language(String asked, HttpServletRequest request, String tenantRegion) {
		List<Locale> browser = request.getHeader(HttpHeaders.ACCEPT_LANGUAGE) == null ? List.of()
				: Collections.list(request.getLocales());
		return PageLanguage.choose(asked, browser, tenantRegion);
	}
}
