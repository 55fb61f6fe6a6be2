package org.optinel.campaigns;

import org.optinel.testing.OnSqlite;

@OnSqlite
class CampaignAnswersOnSqliteIntegrationTests extends CampaignAnswersIntegrationTests {
}
