package org.optinel.consent;

import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.optinel.testing.Databases;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V17 links the events already stored, so that a ledger written before it still gives every event
 * of a contact, on both databases: each event to the previous one of its contact, channel and
 * purpose, and each state to the last.
 */
class ConsentLinksMigrationTests {

	private static final String TENANT = "0190a0b0-0000-7000-8000-000000000001";

	private static final String OTHER_TENANT = "0190a0b0-0000-7000-8000-000000000002";

	@ParameterizedTest
	@ValueSource(strings = { "sqlite", "postgresql" })
	void theEventsStoredBeforeAreLinkedByContactChannelAndPurpose(String database) {
		String url = database.equals("sqlite") ? Databases.newSqliteUrl(Databases.newDataDir()) : Databases.newPostgresUrl();
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url, true);
		try {
			flyway(dataSource).target("16").load().migrate();
			JdbcClient jdbc = JdbcClient.create(dataSource);
			// tenant, seq, contact, channel; the other tenant's seq 1 and 2 are of the same contact id
			List<Object[]> events = List.of(new Object[] { TENANT, 1, "c1", "SMS" }, new Object[] { TENANT, 2, "c2", "SMS" },
					new Object[] { TENANT, 3, "c1", "EMAIL" }, new Object[] { TENANT, 4, "c1", "SMS" },
					new Object[] { TENANT, 5, "c1", "SMS" }, new Object[] { OTHER_TENANT, 1, "c1", "SMS" },
					new Object[] { OTHER_TENANT, 2, "c1", "SMS" });
			for (Object[] e : events) {
				jdbc.sql("""
						INSERT INTO consent_event (tenant_id, seq, event_id, contact_id, channel, purpose_key, action, source,
						    proven, occurred_at, recorded_at, prev_hash, hash)
						VALUES (?, ?, ?, ?, ?, 'newsletter', 'GRANT', 'API', TRUE, 0, 0, 'p', 'h')""")
					.params(e[0], e[1], (e[0].equals(TENANT) ? "t" : "o") + e[1], e[2], e[3])
					.update();
			}
			// a state whose event is not its key's last: a back-dated answer came after it
			jdbc.sql("INSERT INTO consent_state VALUES (?, 'c1', 'SMS', 'newsletter', 'GRANTED', 0, 4)").param(TENANT).update();
			jdbc.sql("INSERT INTO consent_state VALUES (?, 'c1', 'EMAIL', 'newsletter', 'GRANTED', 0, 3)").param(TENANT).update();
			jdbc.sql("INSERT INTO consent_state VALUES (?, 'c2', 'SMS', 'newsletter', 'GRANTED', 0, 2)").param(TENANT).update();
			jdbc.sql("INSERT INTO consent_state VALUES (?, 'c1', 'SMS', 'newsletter', 'GRANTED', 0, 2)").param(OTHER_TENANT).update();

			flyway(dataSource).load().migrate();

			assertThat(jdbc.sql("SELECT tenant_id, seq, key_prev_seq FROM consent_event ORDER BY tenant_id, seq")
				.query((rs, n) -> (rs.getString(1).equals(TENANT) ? "t" : "o") + rs.getLong(2) + "->"
						+ (rs.getObject(3) == null ? "none" : rs.getLong(3)))
				.list()).containsExactly("t1->none", "t2->none", "t3->none", "t4->1", "t5->4", "o1->none", "o2->1");
			assertThat(jdbc.sql("SELECT tenant_id, contact_id, channel, seq, last_seq FROM consent_state"
					+ " ORDER BY tenant_id, contact_id, channel")
				.query((rs, n) -> (rs.getString(1).equals(TENANT) ? "t" : "o") + " " + rs.getString(2) + " " + rs.getString(3)
						+ " " + rs.getLong(4) + "/" + rs.getLong(5))
				.list()).containsExactly("t c1 EMAIL 3/3", "t c1 SMS 4/5", "t c2 SMS 2/2", "o c1 SMS 2/2");
		}
		finally {
			dataSource.destroy();
			if (database.equals("postgresql")) {
				Databases.dropPostgres(url);
			}
		}
	}

	private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(SingleConnectionDataSource dataSource) {
		return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
	}
}
