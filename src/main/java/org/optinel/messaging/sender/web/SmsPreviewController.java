package org.optinel.messaging.sender.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.optinel.core.InvalidInputException;
import org.optinel.core.TenantId;
import org.optinel.messaging.sender.PreparedSms;
import org.optinel.messaging.sender.SenderProfileManagement;
import org.optinel.messaging.sender.SmsContent;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** What an SMS text becomes under the tenant's sender profile, before a campaign sends it. */
@RestController
@Tag(name = "Messaging")
class SmsPreviewController {

	static final String PATH = "/api/v1/messaging/sms/preview";

	private final SenderProfileManagement profiles;

	SmsPreviewController(SenderProfileManagement profiles) {
		this.profiles = profiles;
	}

	@PostMapping(PATH)
	@Operation(summary = "Prepare an SMS text as it would be sent, without sending it", description = """
			Answers the text as it would leave (with the opt-out mention and brand appended when the profile's \
			optOutMode is APPEND and they are missing), its encoding (GSM_7, or UCS_2 when a character is outside \
			the GSM alphabet), its segments and, when the profile has a cost per segment, the estimated cost. \
			marketing defaults to true: marketing SMS need a sender id (FR-06), the opt-out mention (FR-05) and the \
			brand (EP-03). Any text must be valid Unicode without control characters other than line breaks, and \
			at most 10 segments long. A text that breaks a rule is answered 422 naming the rule.""")
	PreviewBody preview(TenantId tenant, @RequestBody PreviewRequest body) {
		if (body == null) {
			throw new InvalidInputException("body", "send a JSON object with text and marketing");
		}
		boolean marketing = body.marketing() == null || body.marketing();
		PreparedSms sms = SmsContent.prepare(profiles.profile(tenant), body.text(), marketing);
		return new PreviewBody(sms.text(), sms.encoding().name(), sms.segments(), MoneyBody.of(sms.estimatedCost()));
	}

	/** A text to preview, marketing unless said otherwise. */
	record PreviewRequest(String text, Boolean marketing) {
	}

	/** The text as it would be sent, and what it would cost. */
	record PreviewBody(String text, String encoding, int segments, MoneyBody estimatedCost) {
	}
}
