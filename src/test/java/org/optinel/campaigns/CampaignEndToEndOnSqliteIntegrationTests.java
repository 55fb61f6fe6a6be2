package org.optinel.campaigns;

import org.optinel.testing.OnSqlite;

@OnSqlite
class CampaignEndToEndOnSqliteIntegrationTests extends CampaignEndToEndIntegrationTests {
}
