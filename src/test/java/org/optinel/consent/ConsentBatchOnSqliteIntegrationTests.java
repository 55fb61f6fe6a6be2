package org.optinel.consent;

import org.optinel.testing.OnSqlite;

@OnSqlite
class ConsentBatchOnSqliteIntegrationTests extends ConsentBatchIntegrationTests {
}
