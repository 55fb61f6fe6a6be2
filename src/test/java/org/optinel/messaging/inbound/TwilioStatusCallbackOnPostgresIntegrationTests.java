package org.optinel.messaging.inbound;

import org.optinel.testing.OnPostgres;

@OnPostgres
class TwilioStatusCallbackOnPostgresIntegrationTests extends TwilioStatusCallbackIntegrationTests {
}
