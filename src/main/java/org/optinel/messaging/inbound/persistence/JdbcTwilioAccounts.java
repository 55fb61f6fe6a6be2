package org.optinel.messaging.inbound.persistence;

import java.time.Instant;
import java.util.Optional;

import org.optinel.core.TenantId;
import org.optinel.messaging.inbound.TwilioAccounts;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Sealed Twilio auth tokens in SQL. */
@Repository
class JdbcTwilioAccounts implements TwilioAccounts {

	private final JdbcClient jdbc;

	JdbcTwilioAccounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Optional<String> sealedAuthToken(TenantId tenant) {
		return jdbc.sql("SELECT sealed_auth_token FROM twilio_account WHERE tenant_id = ?")
			.param(tenant.value())
			.query(String.class)
			.optional();
	}

	@Override
	public void save(TenantId tenant, String sealedAuthToken, Instant at) {
		jdbc.sql("INSERT INTO twilio_account (tenant_id, sealed_auth_token, updated_at) VALUES (?, ?, ?) "
				+ "ON CONFLICT (tenant_id) DO UPDATE SET sealed_auth_token = excluded.sealed_auth_token, "
				+ "updated_at = excluded.updated_at")
			.params(tenant.value(), sealedAuthToken, at.toEpochMilli())
			.update();
	}
}
