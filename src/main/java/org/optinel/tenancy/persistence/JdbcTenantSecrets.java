package org.optinel.tenancy.persistence;

import java.time.Instant;
import java.util.Optional;

import org.optinel.core.TenantId;
import org.optinel.tenancy.TenantSecrets;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tenant secrets in SQL; the first secret stored for a purpose stays, so concurrent makers agree. */
@Repository
class JdbcTenantSecrets implements TenantSecrets {

	private final JdbcClient jdbc;

	JdbcTenantSecrets(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Optional<String> find(TenantId tenant, String purpose) {
		return jdbc.sql("SELECT sealed_secret FROM tenant_secret WHERE tenant_id = ? AND purpose = ?")
			.params(tenant.value(), purpose)
			.query(String.class)
			.optional();
	}

	@Override
	public boolean insertIfAbsent(TenantId tenant, String purpose, String sealedSecret, Instant createdAt) {
		return jdbc.sql("INSERT INTO tenant_secret (tenant_id, purpose, sealed_secret, created_at) VALUES (?, ?, ?, ?) "
				+ "ON CONFLICT DO NOTHING")
			.params(tenant.value(), purpose, sealedSecret, createdAt.toEpochMilli())
			.update() == 1;
	}
}
