package org.optinel.messaging.sender.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.optinel.core.InvalidInputException;
import org.optinel.core.TenantId;
import org.optinel.messaging.sender.NewSenderProfile;
import org.optinel.messaging.sender.SenderProfile;
import org.optinel.messaging.sender.SenderProfileManagement;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's sender profile: who its messages say they come from and how they say to stop. */
@RestController
@Tag(name = "Messaging")
class SenderController {

	static final String PATH = "/api/v1/messaging/sender";

	private final SenderProfileManagement profiles;

	SenderController(SenderProfileManagement profiles) {
		this.profiles = profiles;
	}

	@GetMapping(PATH)
	@Operation(summary = "The tenant's sender profile (its name as the brand and no SMS sender until it sets one)")
	SenderBody get(TenantId tenant) {
		return SenderBody.of(profiles.profile(tenant));
	}

	@PutMapping(PATH)
	@Operation(summary = "Replace the tenant's sender profile", description = """
			brand names the sender in marketing texts (EP-03; the tenant's name when absent). smsSenderId is a short \
			code of 4 to 6 digits or an alphanumeric sender of 3 to 11 characters (letters A-Z, digits, space, '-', \
			'.') with a letter; never a phone number (FR-06). smsOptOutMention is the literal mention every \
			marketing SMS carries, holding the word STOP, such as 'STOP au 36111' (FR-05); when absent it is made \
			from the short code. optOutMode APPEND (default) adds a missing mention or brand to marketing SMS, \
			REFUSE refuses them. emailFromAddress and emailFromName are the From of marketing email (EP-03). \
			inboundNumbers are the short codes and phone numbers replies arrive on. smsCostPerSegment \
			{amount, currency} prices cost estimates. Every fault is answered at once, and nothing is written.""")
	SenderBody set(TenantId tenant, @RequestBody SenderBody body) {
		if (body == null) {
			throw new InvalidInputException("body", "send a JSON object with brand, smsSenderId, smsOptOutMention...");
		}
		return SenderBody.of(profiles.update(tenant, body.request()));
	}

	/** The sender profile as the API reads and writes it. */
	record SenderBody(String brand, String smsSenderId, String smsOptOutMention, String optOutMode,
			String emailFromAddress, String emailFromName, List<String> inboundNumbers, MoneyBody smsCostPerSegment) {

		NewSenderProfile request() {
			return new NewSenderProfile(brand, smsSenderId, smsOptOutMention, optOutMode, emailFromAddress,
					emailFromName, inboundNumbers, smsCostPerSegment == null ? null : smsCostPerSegment.amount(),
					smsCostPerSegment == null ? null : smsCostPerSegment.currency());
		}

		static SenderBody of(SenderProfile p) {
			return new SenderBody(p.brand(), p.smsSenderId() == null ? null : p.smsSenderId().value(),
					p.smsOptOutMention(), p.optOutMode().name(),
					p.emailFromAddress() == null ? null : p.emailFromAddress().value(), p.emailFromName(),
					p.inboundNumbers(), MoneyBody.of(p.smsCostPerSegment()));
		}
	}
}
