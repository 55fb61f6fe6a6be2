package org.optinel.messaging.outbox;

import org.optinel.testing.OnPostgres;

@OnPostgres
class OutboxHoldOnPostgresIntegrationTests extends OutboxHoldIntegrationTests {
}
