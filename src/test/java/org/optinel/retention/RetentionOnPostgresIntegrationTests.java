package org.optinel.retention;

import org.optinel.testing.OnPostgres;

@OnPostgres
class RetentionOnPostgresIntegrationTests extends RetentionIntegrationTests {
}
