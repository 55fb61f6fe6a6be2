package org.optinel.consent;

import org.optinel.testing.OnPostgres;

@OnPostgres
class ConsentBatchOnPostgresIntegrationTests extends ConsentBatchIntegrationTests {
}
