package org.optinel.core;

import org.optinel.testing.OnPostgres;

@OnPostgres
class GroupCommitOnPostgresIntegrationTests extends GroupCommitIntegrationTests {
}
