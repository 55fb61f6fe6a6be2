package org.optinel.contacts;

import org.optinel.testing.OnSqlite;

@OnSqlite
class ImportApiOnSqliteIntegrationTests extends ImportApiIntegrationTests {
}
