package org.optinel.pages.web;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import org.optinel.core.PageLanguage;
import org.optinel.pages.FormManagement;
import org.optinel.pages.FormSubmission;
import org.optinel.pages.HostedForm;
import org.optinel.tenancy.TenantManagement;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public page of a hosted form, {@code /f/{key}}: no login, no cookie, no JavaScript. French by
 * default, English when the browser prefers it or {@code ?lang=en}, with a link to switch. A POST
 * records one grant per ticked box (GDPR-01, GDPR-04), then shows a thank-you page or sends the
 * browser on to the form's {@code redirectUrl} with a 303. A refused submission shows its errors
 * and writes nothing. When grants wait for a double opt-in confirmation, the thank-you page says
 * so; a pending SMS grant shows the code form instead of the redirect, as the code is typed here.
 */
@RestController
class FormPageController {

	static final String PATH = "/f/";

	private final FormManagement forms;

	private final FormAnswers answers;

	private final TenantManagement tenants;

	FormPageController(FormManagement forms, FormAnswers answers, TenantManagement tenants) {
		this.forms = forms;
		this.answers = answers;
		this.tenants = tenants;
	}

	@GetMapping(path = PATH + "{key}", produces = MediaType.TEXT_HTML_VALUE)
	@Operation(summary = "The public page of a hosted consent form: every box unticked (GDPR-01), one per channel "
			+ "and purpose (GDPR-04), apart from the terms (GDPR-03)")
	ResponseEntity<String> page(@PathVariable String key, @RequestParam(name = "lang", required = false) String lang,
			HttpServletRequest request) {
		Optional<HostedForm> form = forms.published(key);
		if (form.isEmpty()) {
			return FormHtml.notFound(language(lang, request));
		}
		String language = language(lang, request, tenants.require(form.get().tenant()).defaultRegion());
		return FormHtml.form(HttpStatus.OK, forms.page(form.get(), language), List.of(), Map.of());
	}

	@PostMapping(path = PATH + "{key}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
			produces = MediaType.TEXT_HTML_VALUE)
	@Operation(summary = "Send a hosted form: one consent grant per ticked box, with the form, version, IP, user "
			+ "agent, checkbox state and notice as evidence (GDPR-02); 303 to the form's redirectUrl when it has one")
	ResponseEntity<String> submit(@PathVariable String key, HttpServletRequest request) {
		Map<String, List<String>> params = new LinkedHashMap<>();
		request.getParameterMap().forEach((name, values) -> params.put(name, Arrays.asList(values)));
		Optional<HostedForm> latest = forms.published(key);
		if (latest.isEmpty()) {
			List<String> sent = params.getOrDefault(FormSubmission.LANGUAGE, List.of());
			return FormHtml.notFound(language(sent.size() == 1 ? sent.get(0) : null, request));
		}
		return answers.submit(key, latest.get(), params, request, Framing.STANDALONE, null);
	}


	/** {@code ?lang=} when it names a language of the pages, else the browser's first such preference, else French. */
	static String language(String asked, HttpServletRequest request) {
		return language(asked, request, null);
	}

	/** {@link #language(String, HttpServletRequest)}, falling back on the tenant's region's language ({@link PageLanguage}). */
	static String language(String asked, HttpServletRequest request, String tenantRegion) {
		List<Locale> browser = request.getHeader(HttpHeaders.ACCEPT_LANGUAGE) == null ? List.of()
				: Collections.list(request.getLocales());
		return PageLanguage.choose(asked, browser, tenantRegion);
	}
}
