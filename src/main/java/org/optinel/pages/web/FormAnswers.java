package org.optinel.pages.web;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.optinel.consent.ConsentRefusedException;
import org.optinel.core.FieldViolation;
import org.optinel.core.InvalidInputException;
import org.optinel.core.OptinelException;
import org.optinel.pages.ConfirmationLinks;
import org.optinel.pages.FormConfirmations;
import org.optinel.pages.FormDefinition;
import org.optinel.pages.FormManagement;
import org.optinel.pages.FormSubmission;
import org.optinel.pages.HostedForm;
import org.optinel.pages.SubmittedForm;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * What a hosted form's submission answers, on its own page or embedded: the form again with its
 * errors (nothing written), the refusal of an altered one, or, once recorded, the step that comes
 * next. A pending SMS grant needs its code typed on Optinel's page: on the form's own page that is
 * the page answered; an embedded form links to it, since no site may frame it. Then the form's
 * redirect, the reminder to open the confirmation email, or thanks.
 */
@Component
class FormAnswers {

	private final FormManagement forms;

	private final FormConfirmations confirmations;

	FormAnswers(FormManagement forms, FormConfirmations confirmations) {
		this.forms = forms;
		this.confirmations = confirmations;
	}

	ResponseEntity<String> submit(String key, HostedForm latest, Map<String, List<String>> params,
			HttpServletRequest request, Framing framing, FormSubmission.Embedding embedding) {
		List<String> sentLanguage = params.getOrDefault(FormSubmission.LANGUAGE, List.of());
		String language = sentLanguage.size() == 1 && FormDefinition.LANGUAGES.contains(sentLanguage.get(0))
				? sentLanguage.get(0) : FormDefinition.LANGUAGES.get(0);
		SubmittedForm submitted;
		try {
			submitted = forms.submit(key, new FormSubmission(params, request.getRemoteAddr(),
					request.getHeader(HttpHeaders.USER_AGENT), embedding));
		}
		catch (ConsentRefusedException refused) {
			return FormHtml.refused(latest.definition(), language, errorsOf(refused), framing);
		}
		catch (InvalidInputException invalid) {
			Map<String, String> typed = new LinkedHashMap<>();
			for (FormDefinition.Field field : latest.definition().fields()) {
				List<String> values = params.get(field.name());
				if (values != null && values.size() == 1) {
					typed.put(field.name(), values.get(0));
				}
			}
			return FormHtml.form(HttpStatus.UNPROCESSABLE_CONTENT, forms.page(latest, language), invalid.violations(),
					typed, framing);
		}
		catch (OptinelException unavailable) {
			if (!"confirmation-undeliverable".equals(unavailable.type())) {
				throw unavailable;
			}
			return ConfirmationHtml.undeliverable(latest.definition(), language);
		}
		FormDefinition definition = submitted.form().definition();
		String smsReference = submitted.delivery().smsReference();
		if (smsReference != null) {
			// The code is typed on Optinel's own page: a redirect elsewhere would leave the grant pending for good.
			if (framing == Framing.STANDALONE) {
				Optional<FormConfirmations.Request> pending = confirmations.request(ConfirmationLinks.Kind.SMS,
						smsReference, submitted.language());
				if (pending.isPresent()) {
					return ConfirmationHtml.codeForm(HttpStatus.OK, pending.get(), smsReference, submitted.language(),
							null);
				}
			}
			else {
				return FormHtml.checkSmsElsewhere(definition, submitted.language(), framing.base()
						+ FormConfirmations.SMS_PATH + smsReference + "?lang=" + submitted.language(), framing);
			}
		}
		if (definition.redirectUrl() != null) {
			if (framing.fragment()) {
				return FormHtml.redirectFragment(definition, submitted.language());
			}
			return ResponseEntity.status(HttpStatus.SEE_OTHER)
				.location(URI.create(definition.redirectUrl()))
				.cacheControl(CacheControl.noStore())
				.build();
		}
		if (submitted.delivery().email()) {
			return FormHtml.checkEmail(definition, submitted.language(), framing);
		}
		return FormHtml.thanks(definition, submitted.language(), !submitted.recorded().isEmpty(), framing);
	}

	private static List<FieldViolation> errorsOf(ConsentRefusedException refused) {
		Object errors = refused.properties().get("errors");
		if (errors instanceof List<?> list && !list.isEmpty()) {
			return list.stream().filter(FieldViolation.class::isInstance).map(FieldViolation.class::cast).toList();
		}
		return Collections.singletonList(new FieldViolation("form", refused.detail()));
	}
}
