package org.optinel.consent.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.optinel.consent.ConsentProof;
import org.optinel.consent.ProofManagement;
import org.optinel.contacts.ContactId;
import org.optinel.core.InvalidInputException;
import org.optinel.core.NotFoundException;
import org.optinel.core.TenantId;

import org.springframework.http.CacheControl;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The proof of a contact's consents, as JSON for machines and as a printable HTML page (French or
 * English) for people. Both hold personal data: never cached.
 */
@RestController
@Tag(name = "Consent", description = "Consent answers with their evidence, in a hash-chained ledger")
class ProofController {

	static final String PATH = "/api/v1/contacts/{id}/proof";

	private static final List<String> LANGUAGES = List.of("fr", "en");

	private final ProofManagement proofs;

	ProofController(ProofManagement proofs) {
		this.proofs = proofs;
	}

	@GetMapping(PATH)
	@Operation(summary = "The proof of a contact's consents (GDPR-02), as JSON or as a printable page", description = """
			JSON: every consent event of the contact in ledger order with its seq, hash, previous hash and the values \
			the hash covers (hashedFields, encoded as encoding.hash describes), its evidence (or the note that it was \
			erased, its hash still committed), the full notice texts with version, language and SHA-256, the current \
			states, and the chain checked for these events and for the whole tenant. HTML (Accept: text/html, or \
			format=html): the same proof as a printable page, lang=fr or en; by default the best of Accept-Language, \
			then French for a French tenant.""")
	ResponseEntity<?> proof(TenantId tenant, @PathVariable String id,
			@Parameter(description = "json or html; by default from the Accept header") @RequestParam(required = false) String format,
			@Parameter(description = "fr or en (HTML only)") @RequestParam(required = false) String lang,
			@RequestHeader(name = "Accept", required = false) String accept,
			@RequestHeader(name = "Accept-Language", required = false) String acceptLanguage) {
		boolean html = wantsHtml(format, accept);
		String language = html ? language(lang, acceptLanguage) : null;
		ConsentProof proof = proof(tenant, id);
		if (!html) {
			return ResponseEntity.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.cacheControl(CacheControl.noStore())
				.body(ProofResponse.of(proof));
		}
		if (language == null) {
			language = "FR".equals(proof.tenant().jurisdiction().name()) ? "fr" : "en";
		}
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.cacheControl(CacheControl.noStore())
			.header("Content-Language", language)
			.body(ProofPage.render(proof, language));
	}

	private static boolean wantsHtml(String format, String accept) {
		if (format != null && !format.isBlank()) {
			String asked = format.strip().toLowerCase(Locale.ROOT);
			if (!asked.equals("json") && !asked.equals("html")) {
				throw new InvalidInputException("format", "'" + format + "' is not offered; use json or html");
			}
			return asked.equals("html");
		}
		if (accept == null || accept.isBlank()) {
			return false;
		}
		List<MediaType> types;
		try {
			types = new ArrayList<>(MediaType.parseMediaTypes(accept));
		}
		catch (InvalidMediaTypeException malformed) {
			return false;
		}
		// the most preferred of the two concrete types wins; a wildcard alone means JSON
		types.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
		for (MediaType type : types) {
			if (type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType()) {
				return false;
			}
			if ((type.isCompatibleWith(MediaType.TEXT_HTML) || type.isCompatibleWith(MediaType.APPLICATION_XHTML_XML))
					&& !type.isWildcardType()) {
				return true;
			}
		}
		return false;
	}

	private ConsentProof proof(TenantId tenant, String id) {
		ContactId contact = ContactId.parse(id).orElseThrow(() -> new NotFoundException("contact", id));
		return proofs.proof(tenant, contact);
	}

	/** The asked language, else the best of Accept-Language; {@code null} leaves the choice to the tenant's jurisdiction. */
	private static String language(String lang, String acceptLanguage) {
		if (lang != null && !lang.isBlank()) {
			String asked = lang.strip().toLowerCase(Locale.ROOT);
			if (!LANGUAGES.contains(asked)) {
				throw new InvalidInputException("lang", "'" + lang + "' is not offered; use fr or en");
			}
			return asked;
		}
		if (acceptLanguage != null && !acceptLanguage.isBlank()) {
			try {
				String best = Locale.lookupTag(Locale.LanguageRange.parse(acceptLanguage), LANGUAGES);
				if (best != null) {
					return best;
				}
			}
			catch (IllegalArgumentException malformed) {
				// a malformed header is no preference
			}
		}
		return null;
	}
}
