package org.optinel.audit;

import org.optinel.testing.OnSqlite;

@OnSqlite
class AuditOnSqliteIntegrationTests extends AuditIntegrationTests {
}
