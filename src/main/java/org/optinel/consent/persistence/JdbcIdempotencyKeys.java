package org.optinel.consent.persistence;

import java.time.Instant;
import java.util.Optional;

import org.optinel.consent.IdempotencyKeys;
import org.optinel.core.TenantId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Idempotency keys in SQL. On PostgreSQL an insert that meets another transaction's uncommitted
 * row with the same key waits for it; SQLite runs one write transaction at a time. Either way a
 * concurrent retry sees the first request's response, never runs beside it.
 */
@Repository
class JdbcIdempotencyKeys implements IdempotencyKeys {

	private final JdbcClient jdbc;

	JdbcIdempotencyKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public boolean claim(TenantId tenant, String key, String requestSha256, Instant now, Instant expiresAt) {
		jdbc.sql("DELETE FROM idempotency_key WHERE tenant_id = ? AND idem_key = ? AND expires_at <= ?")
			.params(tenant.value(), key, now.toEpochMilli())
			.update();
		return jdbc.sql("""
				INSERT INTO idempotency_key (tenant_id, idem_key, request_sha256, status, created_at, expires_at)
				VALUES (?, ?, ?, 0, ?, ?) ON CONFLICT DO NOTHING""")
			.params(tenant.value(), key, requestSha256, now.toEpochMilli(), expiresAt.toEpochMilli())
			.update() == 1;
	}

	@Override
	public Optional<Kept> find(TenantId tenant, String key) {
		return jdbc.sql("SELECT request_sha256, status, location, body FROM idempotency_key WHERE tenant_id = ? AND idem_key = ?")
			.params(tenant.value(), key)
			.query((rs, n) -> new Kept(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4)))
			.optional();
	}

	@Override
	public int forgetExpired(TenantId tenant, Instant now, int limit) {
		return jdbc.sql("""
				DELETE FROM idempotency_key WHERE tenant_id = ? AND idem_key IN (
				    SELECT idem_key FROM idempotency_key WHERE tenant_id = ? AND expires_at <= ? LIMIT ?)""")
			.params(tenant.value(), tenant.value(), now.toEpochMilli(), limit)
			.update();
	}

	@Override
	public void keep(TenantId tenant, String key, int status, String location, String body) {
		jdbc.sql("UPDATE idempotency_key SET status = ?, location = ?, body = ? WHERE tenant_id = ? AND idem_key = ?")
			.params(status, location, body, tenant.value(), key)
			.update();
	}
}
