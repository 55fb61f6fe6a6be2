package org.optinel.tenancy;

import org.optinel.testing.OnPostgres;

@OnPostgres
class TenantIsolationOnPostgresIntegrationTests extends TenantIsolationIntegrationTests {
}
