package org.optinel.web;

import org.optinel.testing.OnPostgres;

@OnPostgres
class BadInputOnPostgresIntegrationTests extends BadInputIntegrationTests {
}
