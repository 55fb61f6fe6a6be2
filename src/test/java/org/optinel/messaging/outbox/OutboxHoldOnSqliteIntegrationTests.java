package org.optinel.messaging.outbox;

import org.optinel.testing.OnSqlite;

@OnSqlite
class OutboxHoldOnSqliteIntegrationTests extends OutboxHoldIntegrationTests {
}
