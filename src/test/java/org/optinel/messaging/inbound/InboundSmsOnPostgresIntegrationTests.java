package org.optinel.messaging.inbound;

import org.optinel.testing.OnPostgres;

@OnPostgres
class InboundSmsOnPostgresIntegrationTests extends InboundSmsIntegrationTests {
}
