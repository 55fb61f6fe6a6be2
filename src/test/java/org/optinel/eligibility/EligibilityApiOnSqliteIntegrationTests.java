package org.optinel.eligibility;

import org.optinel.testing.OnSqlite;

@OnSqlite
class EligibilityApiOnSqliteIntegrationTests extends EligibilityApiIntegrationTests {
}
