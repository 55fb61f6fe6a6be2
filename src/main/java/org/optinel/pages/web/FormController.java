package org.optinel.pages.web;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.optinel.core.TenantId;
import org.optinel.pages.FormManagement;
import org.optinel.pages.HostedForm;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's hosted consent forms: define, change (a new version), read. */
@RestController
@Tag(name = "Forms")
class FormController {

	static final String PATH = "/api/v1/forms";

	private static final String RULES = """
			One unticked checkbox per channel and purpose: an ask is {channel: SMS|EMAIL, purpose, noticeIds: \
			{fr: id, en: id}}. fields: [{name: email|phone|firstName|lastName, required}], in the order shown; SMS \
			needs phone, EMAIL needs email. brand {name, logoUrl (https), primaryColour (#rrggbb)}, \
			privacyPolicyUrl (https), controller (the legal name shown), redirectUrl (optional, https), \
			termsCheckbox (optional text of a separate terms acceptance). Refused with 422 and the rule: \
			precheckedByDefault or a pre-ticked ask (GDPR-01), a notice that does not exist, is of another purpose \
			or in another language (GDPR-02), consentRequiredForTerms or a required ask (GDPR-03), an ask naming \
			several channels or purposes (GDPR-04). embedOrigins (optional): the origins of your own sites that may \
			embed the form, such as ["https://shop.example.fr"]: https, or http for localhost only, no path. The \
			answer's url is the public page; its embed holds the iframe and script snippets for those sites.""";

	private final FormManagement forms;

	FormController(FormManagement forms) {
		this.forms = forms;
	}

	@PostMapping(PATH)
	@Operation(summary = "Define a hosted consent form (201, version 1)", description = RULES)
	ResponseEntity<FormBody.Stored> define(TenantId tenant, @RequestBody(required = false) FormBody body) {
		HostedForm form = forms.define(tenant, body == null ? null : body.draft());
		return ResponseEntity.created(URI.create(PATH + "/" + form.id())).body(FormBody.Stored.of(form));
	}

	@PutMapping(PATH + "/{id}")
	@Operation(summary = "Change a form: stores its next version; consents keep naming the version they were given on",
			description = RULES)
	FormBody.Stored revise(TenantId tenant, @PathVariable String id, @RequestBody(required = false) FormBody body) {
		return FormBody.Stored.of(forms.revise(tenant, id, body == null ? null : body.draft()));
	}

	@GetMapping(PATH)
	@Operation(summary = "The tenant's forms, each at its latest version")
	List<FormBody.Stored> list(TenantId tenant) {
		return forms.list(tenant).stream().map(FormBody.Stored::of).toList();
	}

	@GetMapping(PATH + "/{id}")
	@Operation(summary = "A form at its latest version")
	FormBody.Stored get(TenantId tenant, @PathVariable String id) {
		return FormBody.Stored.of(forms.get(tenant, id));
	}
}
