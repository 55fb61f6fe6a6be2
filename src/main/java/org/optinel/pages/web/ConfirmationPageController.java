package org.optinel.pages.web;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import org.optinel.pages.ConfirmationLinks;
import org.optinel.pages.FormConfirmations;
import org.optinel.pages.FormSubmission;

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
 * The double opt-in pages of hosted forms: the page a confirmation email's link opens,
 * {@code /d/{token}}, and the SMS code form, {@code /d/sms/{ref}}. A GET only shows (link scanners
 * open links); the POST of the page's one button, or of the code, confirms (GDPR-01), with the
 * browser's IP and user agent as the second step's evidence (GDPR-02). A reference this service
 * did not sign is a plain page and changes nothing; a wrong code counts one attempt.
 */
@RestController
class ConfirmationPageController {

	static final String EMAIL = FormConfirmations.EMAIL_PATH;

	static final String SMS = FormConfirmations.SMS_PATH;

	/** The name of the code inputs, one value per pending SMS grant in the reference's order. */
	static final String CODE = "code";

	private final FormConfirmations confirmations;

	ConfirmationPageController(FormConfirmations confirmations) {
		this.confirmations = confirmations;
	}

	@GetMapping(path = EMAIL + "{token}", produces = MediaType.TEXT_HTML_VALUE)
	@Operation(summary = "The page of a double opt-in confirmation link: what is being confirmed and one button; "
			+ "opening it confirms nothing")
	ResponseEntity<String> page(@PathVariable String token, @RequestParam(name = "lang", required = false) String lang,
			HttpServletRequest request) {
		Optional<FormConfirmations.Request> found = confirmations.request(ConfirmationLinks.Kind.EMAIL, token, lang);
		if (found.isEmpty()) {
			return ConfirmationHtml.invalid(FormPageController.language(lang, request));
		}
		return ConfirmationHtml.confirm(found.get(), token, found.get().language());
	}

	@PostMapping(path = EMAIL + "{token}", produces = MediaType.TEXT_HTML_VALUE)
	@Operation(summary = "Confirm the pending grants of a confirmation link, with the IP and user agent as evidence")
	ResponseEntity<String> confirm(@PathVariable String token, HttpServletRequest request) {
		String asked = request.getParameter(FormSubmission.LANGUAGE);
		Optional<FormConfirmations.Request> found = confirmations.request(ConfirmationLinks.Kind.EMAIL, token, asked);
		if (found.isEmpty()) {
			return ConfirmationHtml.invalid(FormPageController.language(asked, request));
		}
		String lang = found.get().language();
		FormConfirmations.Outcome outcome = confirmations.confirm(found.get(), List.of(), request.getRemoteAddr(),
				request.getHeader(HttpHeaders.USER_AGENT));
		return answer(outcome, found.get(), lang, null);
	}

	@PostMapping(path = SMS + "{reference}", produces = MediaType.TEXT_HTML_VALUE)
	@Operation(summary = "Confirm the pending SMS grants of a hosted form submission with the code(s) sent by SMS; a "
			+ "wrong code counts one attempt and shows the form again")
	ResponseEntity<String> code(@PathVariable String reference, HttpServletRequest request) {
		String asked = request.getParameter(FormSubmission.LANGUAGE);
		Optional<FormConfirmations.Request> found = confirmations.request(ConfirmationLinks.Kind.SMS, reference, asked);
		if (found.isEmpty()) {
			return ConfirmationHtml.invalid(FormPageController.language(asked, request));
		}
		String lang = found.get().language();
		String[] sent = request.getParameterValues(CODE);
		List<String> codes = sent == null ? List.of() : Arrays.asList(sent);
		FormConfirmations.Outcome outcome = confirmations.confirm(found.get(), codes, request.getRemoteAddr(),
				request.getHeader(HttpHeaders.USER_AGENT));
		return answer(outcome, found.get(), lang, reference);
	}

	@GetMapping(path = SMS + "{reference}", produces = MediaType.TEXT_HTML_VALUE)
	@Operation(summary = "The SMS code form of a hosted form submission (the page shown after it), again")
	ResponseEntity<String> codeForm(@PathVariable String reference,
			@RequestParam(name = "lang", required = false) String lang, HttpServletRequest request) {
		Optional<FormConfirmations.Request> found = confirmations.request(ConfirmationLinks.Kind.SMS, reference, lang);
		if (found.isEmpty()) {
			return ConfirmationHtml.invalid(FormPageController.language(lang, request));
		}
		return ConfirmationHtml.codeForm(HttpStatus.OK, found.get(), reference, found.get().language(),
				null);
	}

	private static ResponseEntity<String> answer(FormConfirmations.Outcome outcome, FormConfirmations.Request request,
			String lang, String smsReference) {
		switch (outcome.result()) {
			case CONFIRMED:
				return ConfirmationHtml.confirmed(request, lang);
			case CODE_MISSING:
				return smsReference == null
						? ConfirmationHtml.failed(HttpStatus.UNPROCESSABLE_CONTENT, request, PageTexts.INVALID_LINK_TITLE,
								PageTexts.INVALID_LINK, lang)
						: ConfirmationHtml.codeForm(HttpStatus.UNPROCESSABLE_CONTENT, request, smsReference, lang,
								PageTexts.MISSING_CODE.in(lang));
			case WRONG:
				return smsReference == null
						? ConfirmationHtml.failed(HttpStatus.UNPROCESSABLE_CONTENT, request, PageTexts.INVALID_LINK_TITLE,
								PageTexts.INVALID_LINK, lang)
						: ConfirmationHtml.codeForm(HttpStatus.UNPROCESSABLE_CONTENT, request, smsReference, lang,
								PageTexts.WRONG_CODE.in(lang) + " " + outcome.attemptsLeft());
			case EXPIRED:
				return ConfirmationHtml.failed(HttpStatus.GONE, request, PageTexts.EXPIRED_TITLE, PageTexts.EXPIRED, lang);
			case SUPERSEDED:
				return ConfirmationHtml.failed(HttpStatus.CONFLICT, request, PageTexts.SUPERSEDED_TITLE,
						PageTexts.SUPERSEDED, lang);
			default:
				return ConfirmationHtml.failed(HttpStatus.UNPROCESSABLE_CONTENT, request, PageTexts.CONFIRM_TITLE,
						PageTexts.UNPROVEN, lang);
		}
	}
}
