package org.optinel.campaigns;

import org.optinel.testing.OnSqlite;

@OnSqlite
class CampaignOnSqliteIntegrationTests extends CampaignIntegrationTests {
}
