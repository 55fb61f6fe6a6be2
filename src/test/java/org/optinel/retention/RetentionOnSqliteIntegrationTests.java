package org.optinel.retention;

import org.optinel.testing.OnSqlite;

@OnSqlite
class RetentionOnSqliteIntegrationTests extends RetentionIntegrationTests {
}
