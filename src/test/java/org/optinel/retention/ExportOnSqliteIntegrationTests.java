package org.optinel.retention;

import org.optinel.testing.OnSqlite;

@OnSqlite
class ExportOnSqliteIntegrationTests extends ExportIntegrationTests {
}
