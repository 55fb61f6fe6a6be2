package org.optinel.campaigns;

import org.optinel.testing.OnPostgres;

@OnPostgres
class CampaignOnPostgresIntegrationTests extends CampaignIntegrationTests {
}
