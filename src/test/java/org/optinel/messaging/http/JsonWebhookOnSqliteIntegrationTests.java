package org.optinel.messaging.http;

import org.optinel.testing.OnSqlite;

@OnSqlite
class JsonWebhookOnSqliteIntegrationTests extends JsonWebhookIntegrationTests {
}
