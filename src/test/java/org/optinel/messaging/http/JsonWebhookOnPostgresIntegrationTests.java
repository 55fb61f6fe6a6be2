package org.optinel.messaging.http;

import org.optinel.testing.OnPostgres;

@OnPostgres
class JsonWebhookOnPostgresIntegrationTests extends JsonWebhookIntegrationTests {
}
