package org.optinel.contacts;

import org.optinel.testing.OnSqlite;

@OnSqlite
class ErasureOnSqliteIntegrationTests extends ErasureIntegrationTests {
}
