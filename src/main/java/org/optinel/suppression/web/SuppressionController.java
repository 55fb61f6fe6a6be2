package org.optinel.suppression.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.optinel.core.Channel;
import org.optinel.core.InvalidInputException;
import org.optinel.core.NotFoundException;
import org.optinel.core.TenantId;
import org.optinel.suppression.OptOutLine;
import org.optinel.suppression.OptOutListResult;
import org.optinel.suppression.Suppression;
import org.optinel.suppression.SuppressionCounts;
import org.optinel.suppression.SuppressionList;
import org.optinel.suppression.SuppressionManagement;
import org.optinel.suppression.SuppressionReason;
import org.optinel.suppression.SuppressionStatus;
import org.optinel.suppression.importing.OptOutListReader;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The suppression list over the API: add, check, count, bring in an existing opt-out list. There is
 * deliberately no way to remove or lift an entry here (no DELETE, no PUT): only the person can lift
 * one (KW-02). Answers show the keyed hash, never the phone or email.
 */
@RestController
@RequestMapping("/api/v1/suppressions")
@Tag(name = "Suppressions", description = "The opt-out list: it overrides every consent, and nobody but the person can lift an entry")
class SuppressionController {

	private final SuppressionManagement suppressions;

	SuppressionController(SuppressionManagement suppressions) {
		this.suppressions = suppressions;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Put a phone or an email on the list (201), or answer its entry if it is there already (200)",
			description = "channel SMS or EMAIL, absent for all channels; reason one of SMS_STOP, EMAIL_UNSUBSCRIBE, "
					+ "PREFERENCE_CENTRE, OBJECTION, HARD_BOUNCE, COMPLAINT, ADMIN, IMPORT; evidence any JSON object. "
					+ "Phones are read in the tenant's default region.")
	ResponseEntity<EntryResponse> add(TenantId tenant, @RequestBody AddRequest request) {
		SuppressionList.Added added = suppressions.add(tenant, request.phone(), request.email(), request.channel(),
				request.reason(), request.evidence());
		EntryResponse body = EntryResponse.of(added.entry());
		if (!added.created()) {
			return ResponseEntity.ok(body);
		}
		return ResponseEntity.created(URI.create("/api/v1/suppressions/" + body.identifierHash())).body(body);
	}

	@GetMapping("/check")
	@Operation(summary = "Whether a phone or an email is on the list, channel by channel, why and since when")
	SuppressionStatus check(TenantId tenant, @RequestParam(required = false) String phone,
			@RequestParam(required = false) String email) {
		return suppressions.check(tenant, phone, email);
	}

	@GetMapping("/{identifierHash}")
	@Operation(summary = "The active entries of a keyed hash, channel by channel")
	SuppressionStatus get(TenantId tenant, @PathVariable String identifierHash) {
		if (!identifierHash.matches("[0-9a-f]{64}")) {
			throw new NotFoundException("suppression", identifierHash);
		}
		return suppressions.checkHash(tenant, identifierHash);
	}

	@GetMapping("/counts")
	@Operation(summary = "Active entries counted by reason and by channel (SMS, EMAIL, ALL)")
	SuppressionCounts counts(TenantId tenant) {
		return suppressions.counts(tenant);
	}

	@PostMapping(path = "/imports", consumes = { "text/csv", MediaType.TEXT_PLAIN_VALUE })
	@Operation(summary = "Bring in an existing opt-out list sent as CSV in the body",
			description = "A header naming a phone or an email column (or both), optionally channel (SMS, EMAIL, ALL; "
					+ "empty for all) and reason (empty for IMPORT). Never removes or lifts anything.")
	OptOutListResult importCsv(TenantId tenant, HttpServletRequest request,
			@RequestParam(defaultValue = "opt-out list") String source) throws IOException {
		return suppressions.addList(tenant, OptOutListReader.read(request.getInputStream()), suppressions.newImportId(),
				source(source));
	}

	@PostMapping(path = "/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Bring in an existing opt-out list uploaded as a CSV file (form field 'file')")
	OptOutListResult importFile(TenantId tenant, @RequestPart("file") MultipartFile file,
			@RequestParam(required = false) String source) {
		try (InputStream content = file.getInputStream()) {
			String name = source != null ? source : file.getOriginalFilename() == null ? "opt-out list"
					: file.getOriginalFilename();
			return suppressions.addList(tenant, OptOutListReader.read(content), suppressions.newImportId(), source(name));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@PostMapping(path = "/imports", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Bring in an existing opt-out list given as a JSON array of {phone | email, channel, reason}")
	OptOutListResult importJson(TenantId tenant, @RequestBody List<ListItem> items,
			@RequestParam(defaultValue = "opt-out list") String source) {
		if (items == null) {
			throw new InvalidInputException("body", "must be a JSON array of {phone | email, channel, reason}");
		}
		List<OptOutLine> lines = new ArrayList<>(items.size());
		for (int i = 0; i < items.size(); i++) {
			ListItem item = items.get(i);
			lines.add(item == null ? new OptOutLine(i + 1, null, null, null, null)
					: new OptOutLine(i + 1, item.phone(), item.email(), item.channel(), item.reason()));
		}
		return suppressions.addList(tenant, lines, suppressions.newImportId(), source(source));
	}

	private static String source(String source) {
		String text = source == null || source.isBlank() ? "opt-out list" : source.strip();
		return text.length() > 255 ? text.substring(0, 255) : text;
	}

	/** An opt-out to add; exactly one of {@code phone} and {@code email}. */
	record AddRequest(String phone, String email, Channel channel, SuppressionReason reason,
			Map<String, Object> evidence) {
	}

	/** One entry of an opt-out list given as JSON; channel and reason as text, checked line by line. */
	record ListItem(String phone, String email, String channel, String reason) {
	}

	/**
	 * An entry as the API shows it: the keyed hash, never the identifier.
	 * @param channel {@code SMS}, {@code EMAIL} or {@code ALL}
	 */
	record EntryResponse(String identifierHash, String identifierKind, String channel, SuppressionReason reason,
			Instant since) {

		static EntryResponse of(Suppression s) {
			return new EntryResponse(s.identifierHash(), s.kind().name(), s.scopeName(), s.reason(), s.createdAt());
		}
	}
}
