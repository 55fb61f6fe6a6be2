package org.optinel.retention;

import org.optinel.testing.OnPostgres;

@OnPostgres
class ExportOnPostgresIntegrationTests extends ExportIntegrationTests {
}
