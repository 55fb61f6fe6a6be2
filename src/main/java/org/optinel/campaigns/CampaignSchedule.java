package org.optinel.campaigns;

import org.optinel.core.TenantId;
import org.optinel.tenancy.TenantManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Moves running campaigns on, tenant by tenant, once a minute: reminders, SMS follow-ups, deadlines. */
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "optinel.campaigns.schedule",
		havingValue = "true", matchIfMissing = true)
class CampaignSchedule {

	private static final Logger log = LoggerFactory.getLogger(CampaignSchedule.class);

	private final CampaignManagement campaigns;

	private final TenantManagement tenants;

	CampaignSchedule(CampaignManagement campaigns, TenantManagement tenants) {
		this.campaigns = campaigns;
		this.tenants = tenants;
	}

	@Scheduled(fixedDelayString = "${optinel.campaigns.tick:60s}", initialDelayString = "${optinel.campaigns.tick:60s}")
	void tick() {
		for (TenantId tenant : tenants.allIds()) {
			try {
				campaigns.advance(tenant);
			}
			catch (RuntimeException e) {
				log.error("could not move the campaigns of tenant {} on; trying again at the next tick", tenant.value(), e);
			}
		}
	}
}
