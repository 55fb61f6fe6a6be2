package org.optinel.messaging.inbound;

import org.optinel.testing.OnSqlite;

@OnSqlite
class InboundSmsOnSqliteIntegrationTests extends InboundSmsIntegrationTests {
}
