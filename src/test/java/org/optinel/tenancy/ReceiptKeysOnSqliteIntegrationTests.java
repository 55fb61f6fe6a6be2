package org.optinel.tenancy;

import org.optinel.testing.OnSqlite;

@OnSqlite
class ReceiptKeysOnSqliteIntegrationTests extends ReceiptKeysIntegrationTests {
}
