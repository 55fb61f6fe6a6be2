package org.optinel.messaging.email;

import org.optinel.testing.OnPostgres;

@OnPostgres
class UnsubscribeOnPostgresIntegrationTests extends UnsubscribeIntegrationTests {
}
