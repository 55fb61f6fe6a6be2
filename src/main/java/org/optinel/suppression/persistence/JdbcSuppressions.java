package org.optinel.suppression.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.optinel.core.Channel;
import org.optinel.core.Database;
import org.optinel.core.TenantId;
import org.optinel.suppression.IdentifierKind;
import org.optinel.suppression.Suppression;
import org.optinel.suppression.SuppressionReason;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
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

	private final Database database;

	JdbcSuppressions(JdbcClient jdbc, JdbcTemplate template, Database database) {
		this.jdbc = jdbc;
		this.template = template;
		this.database = database;
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
	 * SQLite runs the statement once per entry in one JDBC batch and counts each row; PostgreSQL gets
	 * multi-row statements of {@value #CHUNK} entries whose {@code RETURNING} names the entries
	 * written (per-row counts are lost when the driver rewrites batches).
	 */
	@Override
	public boolean[] activateAll(List<Suppression> entries) {
		boolean[] added = new boolean[entries.size()];
		if (entries.isEmpty()) {
			return added;
		}
		TenantId tenant = entries.get(0).tenant();
		if (entries.stream().anyMatch(e -> !e.tenant().equals(tenant))) {
			throw new IllegalArgumentException("entries of one tenant at a time");
		}
		if (database.isSqlite()) {
			int[] counts = template.batchUpdate(ACTIVATE, new BatchPreparedStatementSetter() {

				@Override
				public void setValues(PreparedStatement ps, int i) throws SQLException {
					bind(ps, 1, entries.get(i));
				}

				@Override
				public int getBatchSize() {
					return entries.size();
				}
			});
			for (int i = 0; i < counts.length; i++) {
				added[i] = counts[i] == 1;
			}
			return added;
		}
		Map<Key, Integer> positions = new HashMap<>(entries.size() * 2);
		for (int i = 0; i < entries.size(); i++) {
			positions.put(new Key(entries.get(i).identifierHash(), entries.get(i).scope()), i);
		}
		template.execute((ConnectionCallback<Void>) connection -> {
			for (int from = 0; from < entries.size(); from += CHUNK) {
				int to = Math.min(entries.size(), from + CHUNK);
				String values = String.join(", ", Collections.nCopies(to - from, "(?, ?, ?, ?, ?, ?, ?, NULL)"));
				try (PreparedStatement ps = connection.prepareStatement(ACTIVATE.replace(
						"(?, ?, ?, ?, ?, ?, ?, NULL)", values) + " RETURNING identifier_hash, channel")) {
					for (int i = from; i < to; i++) {
						bind(ps, (i - from) * 7 + 1, entries.get(i));
					}
					try (ResultSet rs = ps.executeQuery()) {
						while (rs.next()) {
							Integer at = positions.get(new Key(rs.getString(1), scope(rs.getString(2))));
							if (at != null) {
								added[at] = true;
							}
						}
					}
				}
			}
			return null;
		});
		return added;
	}

	private static void bind(PreparedStatement ps, int first, Suppression e) throws SQLException {
		ps.setString(first, e.tenant().value());
		ps.setString(first + 1, e.identifierHash());
		ps.setString(first + 2, e.scopeName());
		ps.setString(first + 3, e.kind().name());
		ps.setString(first + 4, e.reason().name());
		ps.setString(first + 5, e.evidence());
		ps.setLong(first + 6, e.createdAt().toEpochMilli());
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
