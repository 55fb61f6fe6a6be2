package org.optinel.consent.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.optinel.consent.ConsentEvent;
import org.optinel.consent.ConsentHistory;
import org.optinel.contacts.ContactId;
import org.optinel.core.TenantId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Proof reads of the ledger in SQL, the same statements on SQLite and PostgreSQL. */
@Repository
class JdbcConsentHistory implements ConsentHistory {

	private static final String SELECT = """
			SELECT e.*, v.document, p.hash AS prior_hash
			FROM consent_event e
			LEFT JOIN consent_evidence v ON v.tenant_id = e.tenant_id AND v.event_id = e.event_id
			LEFT JOIN consent_event p ON p.tenant_id = e.tenant_id AND p.seq = e.seq - 1
			""";

	private final JdbcClient jdbc;

	JdbcConsentHistory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<Entry> ofContact(TenantId tenant, ContactId contact) {
		return jdbc.sql(JdbcConsentLedger.WALK + SELECT + " WHERE e.tenant_id = :tenant AND e.seq IN (SELECT seq FROM walk)"
				+ " ORDER BY e.seq")
			.param("tenant", tenant.value())
			.param("contacts", List.of(contact.value()))
			.query(JdbcConsentHistory::entry)
			.list();
	}

	@Override
	public Optional<Entry> find(TenantId tenant, String eventId) {
		return jdbc.sql(SELECT + " WHERE e.tenant_id = ? AND e.event_id = ?")
			.params(tenant.value(), eventId)
			.query(JdbcConsentHistory::entry)
			.optional();
	}

	private static Entry entry(ResultSet rs, int row) throws SQLException {
		ConsentEvent event;
		try {
			event = JdbcConsentLedger.event(rs);
		}
		catch (RuntimeException unreadable) {
			// a row changed behind the application's back; the proof's chain check reports it
			event = null;
		}
		return new Entry(rs.getLong("seq"), event, rs.getString("document"), rs.getString("prior_hash"));
	}
}
