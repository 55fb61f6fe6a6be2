package org.optinel.preferences;

import org.optinel.testing.OnPostgres;

@OnPostgres
class PreferenceCentreOnPostgresIntegrationTests extends PreferenceCentreIntegrationTests {
}
