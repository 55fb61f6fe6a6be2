package org.optinel.tenancy.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.optinel.core.TenantId;
import org.optinel.tenancy.SigningKeys;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Signing keys in SQL; the newest live key is the current one. */
@Repository
class JdbcSigningKeys implements SigningKeys {

	private static final String COLUMNS = "key_id, algorithm, public_key, sealed_private_key, created_at, retired_at";

	private final JdbcClient jdbc;

	JdbcSigningKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Optional<Stored> current(TenantId tenant) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM signing_key WHERE tenant_id = ? AND retired_at IS NULL "
				+ "ORDER BY key_id DESC LIMIT 1")
			.param(tenant.value())
			.query(JdbcSigningKeys::stored)
			.optional();
	}

	@Override
	public List<Stored> all(TenantId tenant) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM signing_key WHERE tenant_id = ? ORDER BY key_id")
			.param(tenant.value())
			.query(JdbcSigningKeys::stored)
			.list();
	}

	@Override
	public void insert(TenantId tenant, Stored key) {
		jdbc.sql("INSERT INTO signing_key (tenant_id, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")
			.params(tenant.value(), key.keyId(), key.algorithm(), Base64.getEncoder().encodeToString(key.publicKey()),
					key.sealedPrivateKey(), key.createdAt().toEpochMilli(),
					key.retiredAt() == null ? null : key.retiredAt().toEpochMilli())
			.update();
	}

	private static Stored stored(ResultSet rs, int row) throws SQLException {
		long retired = rs.getLong("retired_at");
		Instant retiredAt = rs.wasNull() ? null : Instant.ofEpochMilli(retired);
		return new Stored(rs.getString("key_id"), rs.getString("algorithm"),
				Base64.getDecoder().decode(rs.getString("public_key")), rs.getString("sealed_private_key"),
				Instant.ofEpochMilli(rs.getLong("created_at")), retiredAt);
	}
}
