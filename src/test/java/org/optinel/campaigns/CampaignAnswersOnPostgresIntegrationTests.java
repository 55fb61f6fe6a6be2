package org.optinel.campaigns;

import org.optinel.testing.OnPostgres;

@OnPostgres
class CampaignAnswersOnPostgresIntegrationTests extends CampaignAnswersIntegrationTests {
}
