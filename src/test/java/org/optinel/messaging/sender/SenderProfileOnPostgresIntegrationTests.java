package org.optinel.messaging.sender;

import org.optinel.testing.OnPostgres;

@OnPostgres
class SenderProfileOnPostgresIntegrationTests extends SenderProfileIntegrationTests {
}
