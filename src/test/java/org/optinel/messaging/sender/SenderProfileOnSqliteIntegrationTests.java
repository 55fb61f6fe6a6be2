package org.optinel.messaging.sender;

import org.optinel.testing.OnSqlite;

@OnSqlite
class SenderProfileOnSqliteIntegrationTests extends SenderProfileIntegrationTests {
}
