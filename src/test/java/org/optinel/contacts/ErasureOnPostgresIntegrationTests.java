package org.optinel.contacts;

import org.optinel.testing.OnPostgres;

@OnPostgres
class ErasureOnPostgresIntegrationTests extends ErasureIntegrationTests {
}
