package org.optinel.messaging.email;

import org.optinel.testing.OnSqlite;

@OnSqlite
class UnsubscribeOnSqliteIntegrationTests extends UnsubscribeIntegrationTests {
}
