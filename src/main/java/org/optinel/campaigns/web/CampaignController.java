package org.optinel.campaigns.web;

import java.time.Instant;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.optinel.campaigns.Campaign;
import org.optinel.campaigns.CampaignDefinition;
import org.optinel.campaigns.CampaignManagement;
import org.optinel.campaigns.Preview;
import org.optinel.core.TenantId;
import org.optinel.messaging.outbox.MessageState;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Re-permission campaigns. */
@RestController
@Tag(name = "Campaigns")
class CampaignController {

	static final String PATH = "/api/v1/campaigns";

	private final CampaignManagement campaigns;

	CampaignController(CampaignManagement campaigns) {
		this.campaigns = campaigns;
	}

	@PostMapping(PATH)
	@Operation(summary = "Define a re-permission campaign (a DRAFT)", description = """
			name; purposes (MARKETING purposes to ask consent for); plan (EMAIL, SMS, EMAIL_THEN_SMS, with \
			smsAfterDays, default 7); questions per language ({"fr": "..."}), published as each purpose's notice: \
			the text people answer (GDPR-02); sms per language (with {yes} or {link}, and {firstName}); email per \
			language (subject, text with {link}, optional html); yesWords (default OUI, YES); noWords (default \
			NON, NO: recorded as a refusal); deadline; remindersDaysBefore (e.g. [7, 1]); outcome at the deadline (DELETE, the default, or SUPPRESS); \
			lifecycles (default PROSPECT and EX_CLIENT). Templates are checked against the sender profile now \
			(FR-05, FR-06, EP-03), not at send time.""")
	ResponseEntity<CampaignBody> create(TenantId tenant, @RequestBody(required = false) CampaignDefinition body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(body(tenant, campaigns.create(tenant, body)));
	}

	@GetMapping(PATH + "/{id}")
	@Operation(summary = "The campaign, its recipients by class and state, and its messages by state")
	CampaignBody get(TenantId tenant, @PathVariable String id) {
		return body(tenant, campaigns.get(tenant, id));
	}

	@PostMapping(PATH + "/{id}/preview")
	@Operation(summary = "What launching would do now: contacts per class (FR-12) and why not, per channel, the SMS "
			+ "segments and estimated cost, the schedule. Writes nothing")
	Preview preview(TenantId tenant, @PathVariable String id) {
		return campaigns.preview(tenant, id);
	}

	@PostMapping(PATH + "/{id}/launch")
	@Operation(summary = "Launch: those who may be asked become recipients and their message is queued in the "
			+ "outbox, screened against the suppression list first (SEED-02) and decided again before it leaves")
	CampaignBody launch(TenantId tenant, @PathVariable String id) {
		campaigns.launch(tenant, id);
		return body(tenant, campaigns.get(tenant, id));
	}

	@PostMapping(PATH + "/{id}/pause")
	@Operation(summary = "Hold the campaign's queued messages; answers still count")
	CampaignBody pause(TenantId tenant, @PathVariable String id) {
		return body(tenant, campaigns.pause(tenant, id));
	}

	@PostMapping(PATH + "/{id}/resume")
	@Operation(summary = "Let the held messages go again")
	CampaignBody resume(TenantId tenant, @PathVariable String id) {
		return body(tenant, campaigns.resume(tenant, id));
	}

	@PostMapping(PATH + "/{id}/close")
	@Operation(summary = "Close the campaign (a dry run unless dryRun=false)", description = """
			Answers stop counting and queued messages are cancelled; recipients whose messages could not be \
			delivered are BOUNCED, the silent ones NO_ANSWER and then, as the campaign says, erased (DELETE, the \
			default: personal data deleted, suppression hashes and the ledger kept, SEED-04, GDPR-10) or suppressed \
			(SUPPRESS). The dry run (the default) reports the same figures and changes nothing; the execution leaves \
			an audit entry (GDPR-12). The deadline closes a campaign by itself.""")
	CampaignManagement.Closing close(TenantId tenant, @PathVariable String id,
			@org.springframework.web.bind.annotation.RequestParam(defaultValue = "true") boolean dryRun) {
		return campaigns.close(tenant, id, "api-key", dryRun);
	}

	private CampaignBody body(TenantId tenant, Campaign c) {
		return new CampaignBody(c.id(), c.state().name(), c.definition(), c.createdAt(), c.launchedAt(), c.closedAt(),
				campaigns.recipients(tenant, c.id()), campaigns.messages(tenant, c.id()), campaigns.answersByDay(tenant,
						c.id()));
	}

	/**
	 * A campaign as the API shows it: {@code recipients} keyed {@code class/state} (MESSAGED, CONFIRMED,
	 * DECLINED, OPTED_OUT, BOUNCED, NO_ANSWER, REMOVED), its messages by state, and answers per day.
	 */
	record CampaignBody(String id, String state, CampaignDefinition definition, Instant createdAt, Instant launchedAt,
			Instant closedAt, Map<String, Long> recipients, Map<MessageState, Long> messages,
			java.util.List<org.optinel.campaigns.CampaignStore.DayCount> answersByDay) {
	}
}
