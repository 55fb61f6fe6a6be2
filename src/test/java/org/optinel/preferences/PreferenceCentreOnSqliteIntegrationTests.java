package org.optinel.preferences;

import org.optinel.testing.OnSqlite;

@OnSqlite
class PreferenceCentreOnSqliteIntegrationTests extends PreferenceCentreIntegrationTests {
}
