package org.optinel.suppression;

import org.optinel.testing.OnSqlite;

@OnSqlite
class SuppressionApiOnSqliteIntegrationTests extends SuppressionApiIntegrationTests {
}
