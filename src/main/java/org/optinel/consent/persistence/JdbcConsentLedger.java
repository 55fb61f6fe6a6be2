package org.optinel.consent.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
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

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The ledger in SQL. Appends for one tenant are serialised by its row in {@code consent_head}: on
 * PostgreSQL it is locked with {@code SELECT ... FOR UPDATE}; SQLite has one writer at a time and
 * write transactions that take the lock when they begin ({@code BEGIN IMMEDIATE}, see
 * {@code core.SqliteTransactions}), so the plain read is already exclusive there.
 *
 * <p>The {@code ...All} methods write many rows with one prepared statement each, as JDBC batches
 * (which {@link JdbcClient} does not offer): one statement per row was most of an append's cost.
 */
@Repository
class JdbcConsentLedger implements ConsentLedger {

	private static final String EVENT_COLUMNS = "tenant_id, seq, event_id, contact_id, channel, purpose_key, action, source, "
			+ "notice_id, notice_sha256, proven, occurred_at, recorded_at, evidence_sha256, prev_hash, hash, pending, confirms_event_id";

	/** Values bound in one IN list at most; both databases accept far more (SQLite 32,766, PostgreSQL 32,767). */
	private static final int IN_LIST = 5_000;

	private static final String PROJECT = """
			INSERT INTO consent_state (tenant_id, contact_id, channel, purpose_key, status, since, seq)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (tenant_id, contact_id, channel, purpose_key) DO UPDATE
			SET status = excluded.status, since = excluded.since, seq = excluded.seq
			WHERE consent_state.since <= excluded.since
			AND NOT (excluded.status = 'PENDING' AND consent_state.status = 'GRANTED')""";

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	private final Database database;

	JdbcConsentLedger(JdbcClient jdbc, JdbcTemplate batches, Database database) {
		this.jdbc = jdbc;
		this.batches = batches;
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
	public void appendAll(List<ConsentEvent> events, List<String> evidence) {
		if (events.size() != evidence.size()) {
			throw new IllegalArgumentException(events.size() + " events but " + evidence.size() + " evidence entries");
		}
		if (events.isEmpty()) {
			return;
		}
		ConsentEvent first = events.get(0);
		List<Integer> withEvidence = new ArrayList<>();
		for (int i = 0; i < events.size(); i++) {
			ConsentEvent e = events.get(i);
			if (!e.tenant().equals(first.tenant()) || e.seq() != first.seq() + i) {
				throw new IllegalArgumentException("appendAll takes consecutive events of one tenant; event " + i
						+ " is seq " + e.seq() + " of tenant " + e.tenant());
			}
			if (evidence.get(i) != null) {
				withEvidence.add(i);
			}
		}
		// Typed setters: the generic ones work out each value's SQL type, a tenth of a bulk append's time.
		batches.batchUpdate("INSERT INTO consent_event (" + EVENT_COLUMNS
				+ ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", events, events.size(), (ps, e) -> {
					ps.setString(1, e.tenant().value());
					ps.setLong(2, e.seq());
					ps.setString(3, e.id());
					ps.setString(4, e.contact().value());
					ps.setString(5, e.channel().name());
					ps.setString(6, e.purpose());
					ps.setString(7, e.action().name());
					ps.setString(8, e.source().name());
					ps.setString(9, e.noticeId());
					ps.setString(10, e.noticeSha256());
					ps.setBoolean(11, e.proven());
					ps.setLong(12, e.occurredAt().toEpochMilli());
					ps.setLong(13, e.recordedAt().toEpochMilli());
					ps.setString(14, e.evidenceSha256());
					ps.setString(15, e.previousHash());
					ps.setString(16, e.hash());
					ps.setBoolean(17, e.pending());
					ps.setString(18, e.confirms());
				});
		if (!withEvidence.isEmpty()) {
			batches.batchUpdate("INSERT INTO consent_evidence (tenant_id, event_id, source, document) VALUES (?, ?, ?, ?)",
					withEvidence, withEvidence.size(), (ps, i) -> {
						ConsentEvent e = events.get(i);
						ps.setString(1, e.tenant().value());
						ps.setString(2, e.id());
						ps.setString(3, e.source().name());
						ps.setString(4, evidence.get(i));
					});
		}
		ConsentEvent last = events.get(events.size() - 1);
		int moved = jdbc.sql("UPDATE consent_head SET seq = ?, hash = ? WHERE tenant_id = ? AND seq = ?")
			.params(last.seq(), last.hash(), first.tenant().value(), first.seq() - 1)
			.update();
		if (moved != 1) {
			throw new IllegalStateException("The ledger head of tenant " + first.tenant() + " moved during an append: "
					+ "appends must hold the head lock");
		}
	}

	@Override
	public void projectAll(TenantId tenant, Collection<ConsentState> states) {
		if (states.isEmpty()) {
			return;
		}
		batches.batchUpdate(PROJECT, states, states.size(), (ps, s) -> {
			ps.setString(1, tenant.value());
			ps.setString(2, s.contact().value());
			ps.setString(3, s.channel().name());
			ps.setString(4, s.purpose());
			ps.setString(5, s.status().name());
			ps.setLong(6, s.since().toEpochMilli());
			ps.setLong(7, s.seq());
		});
	}

	private static List<List<String>> chunks(List<String> values) {
		List<List<String>> chunks = new ArrayList<>();
		for (int from = 0; from < values.size(); from += IN_LIST) {
			chunks.add(values.subList(from, Math.min(values.size(), from + IN_LIST)));
		}
		return chunks;
	}

	@Override
	public void project(TenantId tenant, ConsentState s) {
		jdbc.sql(PROJECT)
			.params(tenant.value(), s.contact().value(), s.channel().name(), s.purpose(), s.status().name(),
					s.since().toEpochMilli(), s.seq())
			.update();
	}

	@Override
	public List<ConsentState> states(TenantId tenant, Collection<ContactId> contacts) {
		List<String> ids = contacts.stream().map(ContactId::value).distinct().sorted().toList();
		List<ConsentState> states = new ArrayList<>();
		for (List<String> chunk : chunks(ids)) {
			states.addAll(jdbc.sql("SELECT * FROM consent_state WHERE tenant_id = :tenant AND contact_id IN (:contacts)"
					+ " ORDER BY contact_id, channel, purpose_key")
				.param("tenant", tenant.value())
				.param("contacts", chunk)
				.query(JdbcConsentLedger::state)
				.list());
		}
		return states;
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

	@Override
	public PersonalRows personalRows(TenantId tenant, Collection<ContactId> contacts) {
		List<String> ids = contacts.stream().map(ContactId::value).distinct().toList();
		long evidence = 0;
		long states = 0;
		long confirmations = 0;
		for (List<String> chunk : chunks(ids)) {
			evidence += count("""
					SELECT count(*) FROM consent_event e JOIN consent_evidence v
					    ON v.tenant_id = e.tenant_id AND v.event_id = e.event_id
					 WHERE e.tenant_id = :tenant AND e.contact_id IN (:contacts)""", tenant, chunk);
			states += count("SELECT count(*) FROM consent_state WHERE tenant_id = :tenant AND contact_id IN (:contacts)",
					tenant, chunk);
			confirmations += count("""
					SELECT count(*) FROM consent_event e JOIN consent_confirmation c
					    ON c.tenant_id = e.tenant_id AND c.event_id = e.event_id
					 WHERE e.tenant_id = :tenant AND e.contact_id IN (:contacts)""", tenant, chunk);
		}
		return new PersonalRows(evidence, states, confirmations);
	}

	private long count(String sql, TenantId tenant, List<String> contacts) {
		return jdbc.sql(sql).param("tenant", tenant.value()).param("contacts", contacts).query(Long.class).single();
	}

	@Override
	public PersonalRows erase(TenantId tenant, ContactId contact) {
		String events = "SELECT event_id FROM consent_event WHERE tenant_id = ? AND contact_id = ?";
		int evidence = jdbc.sql("DELETE FROM consent_evidence WHERE tenant_id = ? AND event_id IN (" + events + ")")
			.params(tenant.value(), tenant.value(), contact.value())
			.update();
		int confirmations = jdbc.sql("DELETE FROM consent_confirmation WHERE tenant_id = ? AND event_id IN (" + events + ")")
			.params(tenant.value(), tenant.value(), contact.value())
			.update();
		int states = jdbc.sql("DELETE FROM consent_state WHERE tenant_id = ? AND contact_id = ?")
			.params(tenant.value(), contact.value())
			.update();
		return new PersonalRows(evidence, states, confirmations);
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
