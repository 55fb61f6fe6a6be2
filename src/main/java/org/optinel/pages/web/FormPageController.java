package org.optinel.pages.web;

import java.net.URI;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import org.optinel.consent.ConsentRefusedException;
import org.optinel.core.OptinelException;
import org.optinel.pages.ConfirmationLinks;
import org.optinel.pages.FormConfirmations;
import org.optinel.core.FieldViolation;
import org.optinel.core.InvalidInputException;
import org.optinel.core.PageLanguage;
import org.optinel.pages.FormDefinition;
import org.optinel.pages.FormManagement;
import org.optinel.pages.FormSubmission;
import org.optinel.pages.HostedForm;
import org.optinel.pages.SubmittedForm;
import org.optinel.tenancy.TenantManagement;

import org.springframework.http.CacheControl;
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

	private final FormConfirmations confirmations;

	private final TenantManagement tenants;

	FormPageController(FormManagement forms, FormConfirmations confirmations, TenantManagement tenants) {
		this.forms = forms;
		this.confirmations = confirmations;
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
		List<String> sentLanguage = params.getOrDefault(FormSubmission.LANGUAGE, List.of());
		String language = sentLanguage.size() == 1 && FormDefinition.LANGUAGES.contains(sentLanguage.get(0))
				? sentLanguage.get(0) : FormDefinition.LANGUAGES.get(0);
		Optional<HostedForm> latest = forms.published(key);
		if (latest.isEmpty()) {
			return FormHtml.notFound(language);
		}
		SubmittedForm submitted;
		try {
			submitted = forms.submit(key, new FormSubmission(params, request.getRemoteAddr(),
					request.getHeader(HttpHeaders.USER_AGENT)));
		}
		catch (ConsentRefusedException refused) {
			return FormHtml.refused(latest.get().definition(), language, errorsOf(refused));
		}
		catch (InvalidInputException invalid) {
			Map<String, String> typed = new LinkedHashMap<>();
			for (FormDefinition.Field field : latest.get().definition().fields()) {
				List<String> values = params.get(field.name());
				if (values != null && values.size() == 1) {
					typed.put(field.name(), values.get(0));
				}
			}
			return FormHtml.form(HttpStatus.UNPROCESSABLE_CONTENT, forms.page(latest.get(), language),
					invalid.violations(), typed);
		}
		catch (OptinelException unavailable) {
			if (!"confirmation-undeliverable".equals(unavailable.type())) {
				throw unavailable;
			}
			return ConfirmationHtml.undeliverable(latest.get().definition(), language);
		}
		FormDefinition definition = submitted.form().definition();
		String smsReference = submitted.delivery().smsReference();
		if (smsReference != null) {
			// The code is typed on this page: a redirect elsewhere would leave the grant pending for good.
			Optional<FormConfirmations.Request> pending = confirmations.request(ConfirmationLinks.Kind.SMS, smsReference,
					submitted.language());
			if (pending.isPresent()) {
				return ConfirmationHtml.codeForm(HttpStatus.OK, pending.get(), smsReference, submitted.language(), null);
			}
		}
		if (definition.redirectUrl() != null) {
			return ResponseEntity.status(HttpStatus.SEE_OTHER)
				.location(URI.create(definition.redirectUrl()))
				.cacheControl(CacheControl.noStore())
				.build();
		}
		if (submitted.delivery().email()) {
			return FormHtml.checkEmail(definition, submitted.language());
		}
		return FormHtml.thanks(definition, submitted.language(), !submitted.recorded().isEmpty());
	}

	private static List<FieldViolation> errorsOf(ConsentRefusedException refused) {
		Object errors = refused.properties().get("errors");
		if (errors instanceof List<?> list && !list.isEmpty()) {
			return list.stream().filter(FieldViolation.class::isInstance).map(FieldViolation.class::cast).toList();
		}
		return Collections.singletonList(new FieldViolation("form", refused.detail()));
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
