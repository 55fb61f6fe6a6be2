package org.optinel.pages;

import org.optinel.testing.OnPostgres;

@OnPostgres
class DoubleOptInPagesOnPostgresIntegrationTests extends DoubleOptInPagesIntegrationTests {
}
