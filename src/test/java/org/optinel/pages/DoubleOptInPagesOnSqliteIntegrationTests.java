package org.optinel.pages;

import org.optinel.testing.OnSqlite;

@OnSqlite
class DoubleOptInPagesOnSqliteIntegrationTests extends DoubleOptInPagesIntegrationTests {
}
