package org.optinel.web;

import org.optinel.testing.OnSqlite;

@OnSqlite
class BadInputOnSqliteIntegrationTests extends BadInputIntegrationTests {
}
