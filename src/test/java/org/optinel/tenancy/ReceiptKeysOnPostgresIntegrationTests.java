package org.optinel.tenancy;

import org.optinel.testing.OnPostgres;

@OnPostgres
class ReceiptKeysOnPostgresIntegrationTests extends ReceiptKeysIntegrationTests {
}
