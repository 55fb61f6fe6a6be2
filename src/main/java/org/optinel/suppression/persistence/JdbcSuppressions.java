package org.optinel.suppression.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.optinel.core.Channel;
import org.optinel.core.TenantId;
import org.optinel.suppression.IdentifierKind;
import org.optinel.suppression.Suppression;
import org.optinel.suppression.SuppressionReason;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The suppression list in SQL, the same statements on SQLite and PostgreSQL. */
@Repository
class JdbcSuppressions implements Suppressions {

	private static final String COLUMNS = "tenant_id, identifier_hash, channel, identifier_kind, reason, evidence, "
			+ "created_at, lifted_at";

	/** Inserts an entry, or reactivates a lifted one; an active one is left as it is (no row counted). */
	private static final String ACTIVATE = "INSERT INTO suppression (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, NULL) "
			+ "ON CONFLICT (tenant_id, identifier_hash, channel) DO UPDATE SET identifier_kind = excluded.identifier_kind, "
			+ "reason = excluded.reason, evidence = excluded.evidence, created_at = excluded.created_at, lifted_at = NULL "
			+ "WHERE suppression.lifted_at IS NOT NULL";

	/** Hashes per {@code IN} list. */
	private static final int CHUNK = 500;

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	JdbcSuppressions(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	@Override
	public Optional<Suppression> find(TenantId tenant, String identifierHash, Channel scope) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM suppression WHERE tenant_id = ? AND identifier_hash = ? AND channel = ?")
			.params(tenant.value(), identifierHash, Suppression.scopeName(scope))
			.query(JdbcSuppressions::suppression)
			.optional();
	}

	@Override
	public List<Suppression> active(TenantId tenant, String identifierHash) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM suppression WHERE tenant_id = ? AND identifier_hash = ? "
				+ "AND lifted_at IS NULL ORDER BY channel")
			.params(tenant.value(), identifierHash)
			.query(JdbcSuppressions::suppression)
			.list();
	}

	@Override
	public boolean isSuppressed(TenantId tenant, Channel channel, String identifierHash) {
		String sql = "SELECT 1 FROM suppression WHERE tenant_id = ? AND identifier_hash = ? AND lifted_at IS NULL"
				+ (channel == null ? "" : " AND channel IN (?, 'ALL')") + " LIMIT 1";
		JdbcClient.StatementSpec statement = jdbc.sql(sql).param(tenant.value()).param(identifierHash);
		if (channel != null) {
			statement = statement.param(channel.name());
		}
		return statement.query(Integer.class).optional().isPresent();
	}

	@Override
	public boolean activate(Suppression e) {
		return jdbc.sql(ACTIVATE)
			.params(e.tenant().value(), e.identifierHash(), e.scopeName(), e.kind().name(), e.reason().name(),
					e.evidence(), e.createdAt().toEpochMilli())
			.update() == 1;
	}

	/**
	 * One JDBC batch of the same statement; each row's count says whether it went in. PostgreSQL's
	 * driver keeps per-row counts unless the URL asks it to rewrite batches, so the rows already
	 * active are read first and only the others are sent.
	 */
	@Override
	public boolean[] activateAll(List<Suppression> entries) {
		boolean[] added = new boolean[entries.size()];
		if (entries.isEmpty()) {
			return added;
		}
		TenantId tenant = entries.get(0).tenant();
		Set<Key> before = activeAmong(tenant, entries.stream().map(Suppression::identifierHash).toList());
		List<Integer> pending = new ArrayList<>();
		for (int i = 0; i < entries.size(); i++) {
			Suppression e = entries.get(i);
			if (!e.tenant().equals(tenant)) {
				throw new IllegalArgumentException("entries of one tenant at a time");
			}
			if (!before.contains(new Key(e.identifierHash(), e.scope()))) {
				pending.add(i);
			}
		}
		template.batchUpdate(ACTIVATE, new BatchPreparedStatementSetter() {

			@Override
			public void setValues(PreparedStatement ps, int i) throws SQLException {
				Suppression e = entries.get(pending.get(i));
				ps.setString(1, e.tenant().value());
				ps.setString(2, e.identifierHash());
				ps.setString(3, e.scopeName());
				ps.setString(4, e.kind().name());
				ps.setString(5, e.reason().name());
				ps.setString(6, e.evidence());
				ps.setLong(7, e.createdAt().toEpochMilli());
			}

			@Override
			public int getBatchSize() {
				return pending.size();
			}
		});
		// in one transaction with the read above: every entry not active then is active now
		for (int i : pending) {
			added[i] = true;
		}
		return added;
	}

	@Override
	public boolean lift(TenantId tenant, String identifierHash, Channel scope, Instant at) {
		return jdbc.sql("UPDATE suppression SET lifted_at = ? WHERE tenant_id = ? AND identifier_hash = ? AND channel = ? "
				+ "AND lifted_at IS NULL")
			.params(at.toEpochMilli(), tenant.value(), identifierHash, Suppression.scopeName(scope))
			.update() == 1;
	}

	@Override
	public Set<Key> activeAmong(TenantId tenant, Collection<String> identifierHashes) {
		Set<Key> active = new HashSet<>();
		List<String> hashes = List.copyOf(new HashSet<>(identifierHashes));
		for (int from = 0; from < hashes.size(); from += CHUNK) {
			jdbc.sql("SELECT identifier_hash, channel FROM suppression WHERE tenant_id = :tenant "
					+ "AND identifier_hash IN (:hashes) AND lifted_at IS NULL")
				.param("tenant", tenant.value())
				.param("hashes", hashes.subList(from, Math.min(hashes.size(), from + CHUNK)))
				.query(rs -> {
					active.add(new Key(rs.getString(1), scope(rs.getString(2))));
				});
		}
		return active;
	}

	@Override
	public void record(TenantId tenant, List<HistoryEntry> entries) {
		template.batchUpdate("INSERT INTO suppression_history (tenant_id, event_id, identifier_hash, channel, action, "
				+ "reason, evidence, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", new BatchPreparedStatementSetter() {

					@Override
					public void setValues(PreparedStatement ps, int i) throws SQLException {
						HistoryEntry h = entries.get(i);
						ps.setString(1, tenant.value());
						ps.setString(2, h.eventId());
						ps.setString(3, h.identifierHash());
						ps.setString(4, Suppression.scopeName(h.scope()));
						ps.setString(5, h.action());
						ps.setString(6, h.reason() == null ? null : h.reason().name());
						ps.setString(7, h.evidence());
						ps.setLong(8, h.at().toEpochMilli());
					}

					@Override
					public int getBatchSize() {
						return entries.size();
					}
				});
	}

	@Override
	public List<Count> counts(TenantId tenant) {
		return jdbc.sql("SELECT reason, channel, count(*) FROM suppression WHERE tenant_id = ? AND lifted_at IS NULL "
				+ "GROUP BY reason, channel ORDER BY reason, channel")
			.param(tenant.value())
			.query((rs, n) -> new Count(SuppressionReason.valueOf(rs.getString(1)), scope(rs.getString(2)), rs.getLong(3)))
			.list();
	}

	private static Channel scope(String stored) {
		return Suppression.ALL.equals(stored) ? null : Channel.valueOf(stored);
	}

	private static Suppression suppression(ResultSet rs, int row) throws SQLException {
		long lifted = rs.getLong("lifted_at");
		Instant liftedAt = rs.wasNull() ? null : Instant.ofEpochMilli(lifted);
		return new Suppression(TenantId.of(rs.getString("tenant_id")), rs.getString("identifier_hash"),
				scope(rs.getString("channel")), IdentifierKind.valueOf(rs.getString("identifier_kind")),
				SuppressionReason.valueOf(rs.getString("reason")), rs.getString("evidence"),
				Instant.ofEpochMilli(rs.getLong("created_at")), liftedAt);
	}
}
