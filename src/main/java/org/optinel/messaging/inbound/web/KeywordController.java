package org.optinel.messaging.inbound.web;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.optinel.core.TenantId;
import org.optinel.messaging.inbound.KeywordManagement;
import org.optinel.messaging.inbound.KeywordSettings;
import org.optinel.messaging.inbound.OptInGrant;
import org.optinel.suppression.Keywords;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's SMS keywords and what its opt-in words grant. */
@RestController
@Tag(name = "Inbound SMS")
class KeywordController {

	static final String PATH = "/api/v1/inbound/sms/keywords";

	private final KeywordManagement keywords;

	KeywordController(KeywordManagement keywords) {
		this.keywords = keywords;
	}

	@GetMapping(PATH)
	@Operation(summary = "The tenant's keywords (the defaults of KW-01..03 until it sets its own)")
	KeywordsBody get(TenantId tenant) {
		return KeywordsBody.of(keywords.settings(tenant));
	}

	@PutMapping(PATH)
	@Operation(summary = "Replace the tenant's keywords", description = """
			optOut, optIn and help are lists of words, normalised like the messages (case, accents, punctuation). \
			STOP may not be removed (KW-01); a word may belong to one list only; optIn and help words may not hold \
			STOP. optInGrants maps an opt-in word to the consents it grants, each a purpose and the noticeId of the \
			text that told people what the word does (GDPR-02); an opt-in word without grants lifts nothing. \
			senderName signs the replies (the tenant's name when absent).""")
	KeywordsBody set(TenantId tenant, @RequestBody KeywordsBody body) {
		if (body == null) {
			throw new org.optinel.core.InvalidInputException("body", "send a JSON object with optOut, optIn and help");
		}
		return KeywordsBody.of(keywords.set(tenant, body.settings()));
	}

	/** The keyword settings as the API reads and writes them. */
	record KeywordsBody(List<String> optOut, List<String> optIn, List<String> help,
			Map<String, List<OptInGrant>> optInGrants, String senderName) {

		KeywordSettings settings() {
			return new KeywordSettings(new Keywords(optOut == null ? List.of() : optOut, optIn, help), optInGrants,
					senderName);
		}

		static KeywordsBody of(KeywordSettings s) {
			return new KeywordsBody(List.copyOf(s.keywords().optOut()), List.copyOf(s.keywords().optIn()),
					List.copyOf(s.keywords().help()), s.optInGrants(), s.senderName());
		}
	}
}
