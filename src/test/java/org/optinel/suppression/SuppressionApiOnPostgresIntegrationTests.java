package org.optinel.suppression;

import org.optinel.testing.OnPostgres;

@OnPostgres
class SuppressionApiOnPostgresIntegrationTests extends SuppressionApiIntegrationTests {
}
