package org.optinel.core;

import org.optinel.testing.OnSqlite;

@OnSqlite
class GroupCommitOnSqliteIntegrationTests extends GroupCommitIntegrationTests {
}
