package org.optinel.preferences.web;

import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.optinel.contacts.ContactId;
import org.optinel.core.NotFoundException;
import org.optinel.core.TenantId;
import org.optinel.preferences.IssuedLink;
import org.optinel.preferences.PreferenceLinks;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Issues preference-centre links for the tenant's contacts, to put in the tenant's own messages. */
@RestController
@Tag(name = "Preference centre", description = "The public page where people change their consents")
class PreferenceLinkController {

	private final PreferenceLinks links;

	PreferenceLinkController(PreferenceLinks links) {
		this.links = links;
	}

	@PostMapping("/api/v1/contacts/{id}/preference-link")
	@Operation(summary = "Issue a signed link to the contact's preference centre (201)",
			description = "The link names the tenant and the contact and expires after "
					+ "optinel.preferences.link-validity (30 days by default); it cannot be forged or moved to "
					+ "another contact. The URL is absolute, from optinel.messaging.public-base-url when set.")
	ResponseEntity<LinkResponse> issue(TenantId tenant, @PathVariable String id) {
		ContactId contact = ContactId.parse(id).orElseThrow(() -> new NotFoundException("contact", id));
		IssuedLink link = links.issue(tenant, contact);
		return ResponseEntity.status(HttpStatus.CREATED).body(new LinkResponse(link.url().toString(), link.expiresAt()));
	}

	/** A link issued. */
	record LinkResponse(@Schema(description = "the absolute URL of the contact's preference centre") String url,
			@Schema(description = "when the link stops working") Instant expiresAt) {
	}
}
