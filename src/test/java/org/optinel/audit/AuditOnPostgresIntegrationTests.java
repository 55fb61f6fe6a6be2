package org.optinel.audit;

import org.optinel.testing.OnPostgres;

@OnPostgres
class AuditOnPostgresIntegrationTests extends AuditIntegrationTests {
}
