package org.optinel.consent;

import org.optinel.testing.OnSqlite;

@OnSqlite
class ReceiptApiOnSqliteIntegrationTests extends ReceiptApiIntegrationTests {
}
