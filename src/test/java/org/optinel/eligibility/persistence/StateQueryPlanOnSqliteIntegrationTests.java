package org.optinel.eligibility.persistence;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.optinel.testing.OnSqlite;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index's refresh reads a few contacts' consent states through the primary key. SQLite's planner,
 * without statistics, took the covering audience index with only its tenant column instead, and read
 * every state of the tenant for each refresh (a backlog of 51 s after 68,000 grants).
 */
@OnSqlite
class StateQueryPlanOnSqliteIntegrationTests {

	@Autowired
	JdbcClient jdbc;

	@Test
	void statesOfNamedContactsAreReadThroughThePrimaryKey() {
		String sql = JdbcEligibilityStore.STATES + " AND contact_id IN ('a', 'b')" + JdbcEligibilityStore.STATES_ORDER;
		List<String> plan = jdbc.sql("EXPLAIN QUERY PLAN " + sql.replace(":tenant", "'t'"))
			.query((rs, n) -> rs.getString("detail"))
			.list();

		assertThat(plan).singleElement()
			.asString()
			.contains("tenant_id=? AND contact_id=?")
			.doesNotContain("consent_state_audience");
		assertThat(jdbc.sql(sql).param("tenant", "t").query().listOfRows()).isEmpty();
	}
}
