package org.optinel.eligibility;

import org.optinel.testing.OnPostgres;

@OnPostgres
class EligibilityApiOnPostgresIntegrationTests extends EligibilityApiIntegrationTests {
}
