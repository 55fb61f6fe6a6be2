package org.optinel.messaging.inbound;

import org.optinel.testing.OnSqlite;

@OnSqlite
class TwilioStatusCallbackOnSqliteIntegrationTests extends TwilioStatusCallbackIntegrationTests {
}
