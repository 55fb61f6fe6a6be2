package org.optinel.consent.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

import org.optinel.core.Channel;
import org.optinel.consent.ConsentAction;
import org.optinel.consent.ConsentEvent;
import org.optinel.consent.ConsentLedger;
import org.optinel.consent.ConsentSource;
import org.optinel.consent.ConsentState;
import org.optinel.consent.ConsentStatus;
import org.optinel.contacts.ContactId;
import org.optinel.core.Database;
import org.optinel.core.TenantId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The ledger in SQL. Appends for one tenant are serialised by its row in {@code consent_head}: on
 * PostgreSQL it is locked with {@code SELECT ... FOR UPDATE}; SQLite has one writer at a time and
 * write transactions that take the lock when they begin ({@code transaction_mode=IMMEDIATE}), so
 * the plain read is already exclusive there.
 */
@Repository
class JdbcConsentLedger implements ConsentLedger {

	private static final String EVENT_COLUMNS = "tenant_id, seq, event_id, contact_id, channel, purpose_key, action, source, "
			+ "notice_id, notice_sha256, proven, occurred_at, recorded_at, evidence_sha256, prev_hash, hash, pending, confirms_event_id";

	private final JdbcClient jdbc;

	private final Database database;

	JdbcConsentLedger(JdbcClient jdbc, Database database) {
		this.jdbc = jdbc;
		this.database = database;
	}

	@Override
	public Head lockHead(TenantId tenant) {
		jdbc.sql("INSERT INTO consent_head (tenant_id, seq, hash) VALUES (?, 0, ?) ON CONFLICT DO NOTHING")
			.params(tenant.value(), Head.EMPTY.hash())
			.update();
		return jdbc.sql("SELECT seq, hash FROM consent_head WHERE tenant_id = ?" + (database.isSqlite() ? "" : " FOR UPDATE"))
			.param(tenant.value())
			.query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
			.single();
	}

	@Override
	public Head head(TenantId tenant) {
		return jdbc.sql("SELECT seq, hash FROM consent_head WHERE tenant_id = ?")
			.param(tenant.value())
			.query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
			.optional()
			.orElse(Head.EMPTY);
	}

	@Override
	public void append(ConsentEvent e, String evidence) {
		jdbc.sql("INSERT INTO consent_event (" + EVENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(e.tenant().value(), e.seq(), e.id(), e.contact().value(), e.channel().name(), e.purpose(),
					e.action().name(), e.source().name(), e.noticeId(), e.noticeSha256(), e.proven(),
					e.occurredAt().toEpochMilli(), e.recordedAt().toEpochMilli(), e.evidenceSha256(), e.previousHash(),
					e.hash(), e.pending(), e.confirms())
			.update();
		if (evidence != null) {
			jdbc.sql("INSERT INTO consent_evidence (tenant_id, event_id, source, document) VALUES (?, ?, ?, ?)")
				.params(e.tenant().value(), e.id(), e.source().name(), evidence)
				.update();
		}
		int moved = jdbc.sql("UPDATE consent_head SET seq = ?, hash = ? WHERE tenant_id = ? AND seq = ?")
			.params(e.seq(), e.hash(), e.tenant().value(), e.seq() - 1)
			.update();
		if (moved != 1) {
			throw new IllegalStateException("The ledger head of tenant " + e.tenant() + " moved during an append: "
					+ "appends must hold the head lock");
		}
	}

	@Override
	public void project(TenantId tenant, ConsentState s) {
		jdbc.sql("""
				INSERT INTO consent_state (tenant_id, contact_id, channel, purpose_key, status, since, seq)
				VALUES (?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (tenant_id, contact_id, channel, purpose_key) DO UPDATE
				SET status = excluded.status, since = excluded.since, seq = excluded.seq
				WHERE consent_state.since <= excluded.since
				AND NOT (excluded.status = 'PENDING' AND consent_state.status = 'GRANTED')""")
			.params(tenant.value(), s.contact().value(), s.channel().name(), s.purpose(), s.status().name(),
					s.since().toEpochMilli(), s.seq())
			.update();
	}

	@Override
	public List<ConsentState> states(TenantId tenant, Collection<ContactId> contacts) {
		return jdbc.sql("SELECT * FROM consent_state WHERE tenant_id = :tenant AND contact_id IN (:contacts)"
				+ " ORDER BY contact_id, channel, purpose_key")
			.param("tenant", tenant.value())
			.param("contacts", contacts.stream().map(ContactId::value).toList())
			.query(JdbcConsentLedger::state)
			.list();
	}

	@Override
	public List<ConsentState> states(TenantId tenant) {
		return jdbc.sql("SELECT * FROM consent_state WHERE tenant_id = ? ORDER BY contact_id, channel, purpose_key")
			.param(tenant.value())
			.query(JdbcConsentLedger::state)
			.list();
	}

	@Override
	public void replaceStates(TenantId tenant, Collection<ConsentState> states) {
		jdbc.sql("DELETE FROM consent_state WHERE tenant_id = ?").param(tenant.value()).update();
		for (ConsentState s : states) {
			jdbc.sql("INSERT INTO consent_state (tenant_id, contact_id, channel, purpose_key, status, since, seq)"
					+ " VALUES (?, ?, ?, ?, ?, ?, ?)")
				.params(tenant.value(), s.contact().value(), s.channel().name(), s.purpose(), s.status().name(),
						s.since().toEpochMilli(), s.seq())
				.update();
		}
	}

	@Override
	public void forEachEntry(TenantId tenant, Consumer<Entry> action) {
		jdbc.sql("SELECT " + prefixed() + ", v.document FROM consent_event e LEFT JOIN consent_evidence v"
				+ " ON v.tenant_id = e.tenant_id AND v.event_id = e.event_id WHERE e.tenant_id = ? ORDER BY e.seq")
			.param(tenant.value())
			.query(rs -> {
				ConsentEvent event;
				try {
					event = event(rs);
				}
				catch (RuntimeException unreadable) {
					// a row changed behind the application's back; verification reports it
					event = null;
				}
				action.accept(new Entry(rs.getLong("seq"), event, rs.getString("document")));
			});
	}

	private static String prefixed() {
		return "e." + EVENT_COLUMNS.replace(", ", ", e.");
	}

	static ConsentEvent event(ResultSet rs) throws SQLException {
		return new ConsentEvent(TenantId.of(rs.getString("tenant_id")), rs.getLong("seq"), rs.getString("event_id"),
				new ContactId(rs.getString("contact_id")), Channel.valueOf(rs.getString("channel")),
				rs.getString("purpose_key"), ConsentAction.valueOf(rs.getString("action")),
				ConsentSource.valueOf(rs.getString("source")), rs.getString("notice_id"), rs.getString("notice_sha256"),
				rs.getBoolean("proven"), Instant.ofEpochMilli(rs.getLong("occurred_at")),
				Instant.ofEpochMilli(rs.getLong("recorded_at")), rs.getString("evidence_sha256"),
				rs.getString("prev_hash"), rs.getString("hash"), rs.getBoolean("pending"), rs.getString("confirms_event_id"));
	}

	private static ConsentState state(ResultSet rs, int row) throws SQLException {
		return new ConsentState(new ContactId(rs.getString("contact_id")), Channel.valueOf(rs.getString("channel")),
				rs.getString("purpose_key"), ConsentStatus.valueOf(rs.getString("status")),
				Instant.ofEpochMilli(rs.getLong("since")), rs.getLong("seq"), false);
	}
}
