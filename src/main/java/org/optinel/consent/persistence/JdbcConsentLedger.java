package org.optinel.consent.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
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

	private static final String INSERT_EVENT = "INSERT INTO consent_event (" + EVENT_COLUMNS + ", key_prev_seq)"
			+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	/** Whether the stored state is replaced: the same rule as {@code ConsentState.replaces}. */
	private static final String REPLACES = "consent_state.since <= excluded.since"
			+ " AND NOT (excluded.status = 'PENDING' AND consent_state.status = 'GRANTED')";

	private static final String PROJECT = """
			INSERT INTO consent_state (tenant_id, contact_id, channel, purpose_key, status, since, seq, last_seq)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (tenant_id, contact_id, channel, purpose_key) DO UPDATE
			SET status = CASE WHEN %1$s THEN excluded.status ELSE consent_state.status END,
			    since = CASE WHEN %1$s THEN excluded.since ELSE consent_state.since END,
			    seq = CASE WHEN %1$s THEN excluded.seq ELSE consent_state.seq END,
			    last_seq = excluded.last_seq""".formatted(REPLACES);

	/**
	 * The sequence numbers of the events of {@code :contacts} (as {@code walk}): from the last event
	 * of each of their keys back along the links. A link must point back, so a changed one cannot
	 * make the walk go round for ever.
	 */
	static final String WALK = """
			WITH RECURSIVE walk (seq) AS (
			    SELECT last_seq FROM consent_state WHERE tenant_id = :tenant AND contact_id IN (:contacts)
			    UNION ALL
			    SELECT e.key_prev_seq FROM walk w JOIN consent_event e ON e.tenant_id = :tenant AND e.seq = w.seq
			     WHERE e.key_prev_seq < e.seq
			)
			""";

	/** A tenant's projections, in the columns {@link #projection} reads by position. */
	private static final String PROJECTIONS = "SELECT contact_id, channel, purpose_key, status, since, seq, last_seq"
			+ " FROM consent_state WHERE tenant_id = ?";

	private static final String BY_KEY = " ORDER BY contact_id, channel, purpose_key";

	private static final String PROJECTIONS_OF_JSON = PROJECTIONS + " AND contact_id IN (SELECT value FROM json_each(?))"
			+ BY_KEY;

	private static final String PROJECTIONS_OF_ARRAY = PROJECTIONS + " AND contact_id = ANY (?)" + BY_KEY;

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
		// A tenant's head row is made by its first append; every later one only reads and locks it (one
		// statement rather than two: each append's transaction, a group commit's too, begins here).
		Optional<Head> head = lockedHead(tenant);
		if (head.isPresent()) {
			return head.get();
		}
		jdbc.sql("INSERT INTO consent_head (tenant_id, seq, hash) VALUES (?, 0, ?) ON CONFLICT DO NOTHING")
			.params(tenant.value(), Head.EMPTY.hash())
			.update();
		return lockedHead(tenant).orElseThrow();
	}

	/** The head, locked until the transaction ends (SQLite's writer holds the database's write lock already). */
	private Optional<Head> lockedHead(TenantId tenant) {
		return jdbc.sql("SELECT seq, hash FROM consent_head WHERE tenant_id = ?" + (database.isSqlite() ? "" : " FOR UPDATE"))
			.param(tenant.value())
			.query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
			.optional();
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
	public void append(NewEvent event) {
		appendAll(List.of(event));
	}

	@Override
	public void appendAll(List<NewEvent> events) {
		if (events.isEmpty()) {
			return;
		}
		ConsentEvent first = events.get(0).event();
		List<NewEvent> withEvidence = new ArrayList<>();
		for (int i = 0; i < events.size(); i++) {
			ConsentEvent e = events.get(i).event();
			if (!e.tenant().equals(first.tenant()) || e.seq() != first.seq() + i) {
				throw new IllegalArgumentException("appendAll takes consecutive events of one tenant; event " + i
						+ " is seq " + e.seq() + " of tenant " + e.tenant());
			}
			if (events.get(i).evidence() != null) {
				withEvidence.add(events.get(i));
			}
		}
		batches.batchUpdate(INSERT_EVENT, events, events.size(), (ps, n) -> bindEvent(ps, n.event(), n.previousOfKey()));
		if (!withEvidence.isEmpty()) {
			batches.batchUpdate("INSERT INTO consent_evidence (tenant_id, event_id, source, document) VALUES (?, ?, ?, ?)",
					withEvidence, withEvidence.size(), (ps, n) -> {
						ConsentEvent e = n.event();
						ps.setString(1, e.tenant().value());
						ps.setString(2, e.id());
						ps.setString(3, e.source().name());
						ps.setString(4, n.evidence());
					});
		}
		ConsentEvent last = events.get(events.size() - 1).event();
		int moved = jdbc.sql("UPDATE consent_head SET seq = ?, hash = ? WHERE tenant_id = ? AND seq = ?")
			.params(last.seq(), last.hash(), first.tenant().value(), first.seq() - 1)
			.update();
		if (moved != 1) {
			throw new IllegalStateException("The ledger head of tenant " + first.tenant() + " moved during an append: "
					+ "appends must hold the head lock");
		}
	}

	/**
	 * Binds an event to {@link #INSERT_EVENT}. Typed setters: the generic ones work out each value's
	 * SQL type, a tenth of a bulk append's time.
	 */
	private static void bindEvent(PreparedStatement ps, ConsentEvent e, Long previousOfKey) throws SQLException {
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
		if (previousOfKey == null) {
			ps.setNull(19, Types.BIGINT);
		}
		else {
			ps.setLong(19, previousOfKey);
		}
	}

	@Override
	public void projectAll(TenantId tenant, Collection<Projection> projections) {
		if (projections.isEmpty()) {
			return;
		}
		batches.batchUpdate(PROJECT, projections, projections.size(), (ps, p) -> bindProjection(ps, tenant, p));
	}

	private static void bindProjection(PreparedStatement ps, TenantId tenant, Projection p) throws SQLException {
		ConsentState s = p.state();
		ps.setString(1, tenant.value());
		ps.setString(2, s.contact().value());
		ps.setString(3, s.channel().name());
		ps.setString(4, s.purpose());
		ps.setString(5, s.status().name());
		ps.setLong(6, s.since().toEpochMilli());
		ps.setLong(7, s.seq());
		ps.setLong(8, p.lastSeq());
	}

	private static List<List<String>> chunks(List<String> values) {
		List<List<String>> chunks = new ArrayList<>();
		for (int from = 0; from < values.size(); from += IN_LIST) {
			chunks.add(values.subList(from, Math.min(values.size(), from + IN_LIST)));
		}
		return chunks;
	}

	@Override
	public void project(TenantId tenant, Projection projection) {
		batches.update(PROJECT, ps -> bindProjection(ps, tenant, projection));
	}

	@Override
	public List<ConsentState> states(TenantId tenant, Collection<ContactId> contacts) {
		return projections(tenant, contacts).stream().map(Projection::state).toList();
	}

	@Override
	public List<Projection> projections(TenantId tenant, Collection<ContactId> contacts) {
		String[] ids = contacts.stream().map(ContactId::value).distinct().sorted().toArray(String[]::new);
		if (ids.length == 0) {
			return List.of();
		}
		// The ids are bound as one value, a JSON array on SQLite and an array on PostgreSQL, not as an
		// IN list of thousands: one statement text whatever their number, kept prepared on a held
		// connection, and one value to bind instead of one per contact (a tenth of a bulk append).
		return batches.query(database.isSqlite() ? PROJECTIONS_OF_JSON : PROJECTIONS_OF_ARRAY, ps -> {
			ps.setString(1, tenant.value());
			if (database.isSqlite()) {
				ps.setString(2, jsonArray(ids));
			}
			else {
				ps.setArray(2, ps.getConnection().createArrayOf("varchar", ids));
			}
		}, JdbcConsentLedger::projection);
	}

	/** Ids as a JSON array; an id is a canonical UUID, so nothing in it needs escaping. */
	private static String jsonArray(String[] ids) {
		StringBuilder json = new StringBuilder(ids.length * 39 + 2).append('[');
		for (int i = 0; i < ids.length; i++) {
			json.append(i == 0 ? "\"" : ",\"").append(ids[i]).append('"');
		}
		return json.append(']').toString();
	}

	@Override
	public List<Projection> projections(TenantId tenant) {
		return jdbc.sql(PROJECTIONS + BY_KEY)
			.param(tenant.value())
			.query(JdbcConsentLedger::projection)
			.list();
	}

	@Override
	public void replaceProjections(TenantId tenant, Collection<Projection> projections) {
		jdbc.sql("DELETE FROM consent_state WHERE tenant_id = ?").param(tenant.value()).update();
		projectAll(tenant, projections);
	}

	@Override
	public Optional<BrokenLink> firstBrokenLink(TenantId tenant) {
		// Each event must link to the one before it among its key's events; LAG gives that one.
		Long link = smallest("""
				SELECT min(seq) FROM (
				    SELECT seq, key_prev_seq,
				           LAG(seq) OVER (PARTITION BY contact_id, channel, purpose_key ORDER BY seq) AS expected
				      FROM consent_event WHERE tenant_id = :tenant) linked
				 WHERE key_prev_seq IS DISTINCT FROM expected""", tenant);
		// Each stored state must name its key's last event, where the walk starts.
		Long head = smallest("""
				SELECT min(k.last_seq) FROM (
				    SELECT contact_id, channel, purpose_key, max(seq) AS last_seq FROM consent_event
				     WHERE tenant_id = :tenant GROUP BY contact_id, channel, purpose_key) k
				  JOIN consent_state s ON s.tenant_id = :tenant AND s.contact_id = k.contact_id
				   AND s.channel = k.channel AND s.purpose_key = k.purpose_key
				 WHERE s.last_seq <> k.last_seq""", tenant);
		if (link != null && (head == null || link <= head)) {
			return Optional.of(new BrokenLink(link, "it does not link to the previous event of its contact, channel and"
					+ " purpose, so that contact's proof could miss events"));
		}
		if (head != null) {
			return Optional.of(new BrokenLink(head, "the consent state of its contact, channel and purpose does not name"
					+ " it as their last event, so that contact's proof could miss events; rebuilding the consent states"
					+ " corrects it"));
		}
		return Optional.empty();
	}

	/** The one value that {@code sql}, a {@code min(...)}, answers; null when it found no row to take it from. */
	private Long smallest(String sql, TenantId tenant) {
		OptionalLong smallest = jdbc.sql(sql).param("tenant", tenant.value()).query(rs -> {
			if (!rs.next()) {
				return OptionalLong.empty();
			}
			long value = rs.getLong(1);
			return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
		});
		return smallest.isPresent() ? smallest.getAsLong() : null;
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
			evidence += count(WALK + """
					SELECT count(*) FROM consent_event e JOIN consent_evidence v
					    ON v.tenant_id = e.tenant_id AND v.event_id = e.event_id
					 WHERE e.tenant_id = :tenant AND e.seq IN (SELECT seq FROM walk)""", tenant, chunk);
			states += count("SELECT count(*) FROM consent_state WHERE tenant_id = :tenant AND contact_id IN (:contacts)",
					tenant, chunk);
			confirmations += count(WALK + """
					SELECT count(*) FROM consent_event e JOIN consent_confirmation c
					    ON c.tenant_id = e.tenant_id AND c.event_id = e.event_id
					 WHERE e.tenant_id = :tenant AND e.seq IN (SELECT seq FROM walk)""", tenant, chunk);
		}
		return new PersonalRows(evidence, states, confirmations);
	}

	private long count(String sql, TenantId tenant, List<String> contacts) {
		return jdbc.sql(sql).param("tenant", tenant.value()).param("contacts", contacts).query(Long.class).single();
	}

	@Override
	public PersonalRows erase(TenantId tenant, ContactId contact) {
		// Found before the states go: the walk starts from them.
		List<String> events = jdbc.sql(WALK + "SELECT event_id FROM consent_event WHERE tenant_id = :tenant"
				+ " AND seq IN (SELECT seq FROM walk)")
			.param("tenant", tenant.value())
			.param("contacts", List.of(contact.value()))
			.query(String.class)
			.list();
		int evidence = 0;
		int confirmations = 0;
		for (List<String> chunk : chunks(events)) {
			evidence += jdbc.sql("DELETE FROM consent_evidence WHERE tenant_id = :tenant AND event_id IN (:events)")
				.param("tenant", tenant.value())
				.param("events", chunk)
				.update();
			confirmations += jdbc.sql("DELETE FROM consent_confirmation WHERE tenant_id = :tenant AND event_id IN (:events)")
				.param("tenant", tenant.value())
				.param("events", chunk)
				.update();
		}
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

	/** A row of {@link #PROJECTIONS}, read by position: a bulk append reads thousands. */
	private static Projection projection(ResultSet rs, int row) throws SQLException {
		return new Projection(new ConsentState(new ContactId(rs.getString(1)), Channel.valueOf(rs.getString(2)),
				rs.getString(3), ConsentStatus.valueOf(rs.getString(4)), Instant.ofEpochMilli(rs.getLong(5)), rs.getLong(6),
				false), rs.getLong(7));
	}
}
