package org.optinel.consent.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.optinel.core.Channel;
import org.optinel.consent.Confirmation;
import org.optinel.consent.ConfirmationMethod;
import org.optinel.consent.Confirmations;
import org.optinel.consent.ConsentEvent;
import org.optinel.consent.ConsentLedger;
import org.optinel.core.Database;
import org.optinel.core.TenantId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Double opt-in settings and confirmations in SQL. A confirmation is locked with
 * {@code SELECT ... FOR UPDATE} on PostgreSQL; SQLite's write transactions are exclusive already.
 */
@Repository
class JdbcConfirmations implements Confirmations {

	private final JdbcClient jdbc;

	private final Database database;

	JdbcConfirmations(JdbcClient jdbc, Database database) {
		this.jdbc = jdbc;
		this.database = database;
	}

	@Override
	public Set<Channel> doubleOptIn(TenantId tenant, String purpose) {
		Set<Channel> channels = EnumSet.noneOf(Channel.class);
		jdbc.sql("SELECT channel FROM purpose_double_opt_in WHERE tenant_id = ? AND purpose_key = ?")
			.params(tenant.value(), purpose)
			.query(String.class)
			.list()
			.forEach(c -> channels.add(Channel.valueOf(c)));
		return channels;
	}

	@Override
	public Map<String, Set<Channel>> doubleOptIn(TenantId tenant) {
		Map<String, Set<Channel>> byPurpose = new TreeMap<>();
		jdbc.sql("SELECT purpose_key, channel FROM purpose_double_opt_in WHERE tenant_id = ?")
			.param(tenant.value())
			.query(rs -> {
				byPurpose.computeIfAbsent(rs.getString(1), k -> EnumSet.noneOf(Channel.class))
					.add(Channel.valueOf(rs.getString(2)));
			});
		return byPurpose;
	}

	@Override
	public void replaceDoubleOptIn(TenantId tenant, String purpose, Set<Channel> channels) {
		jdbc.sql("DELETE FROM purpose_double_opt_in WHERE tenant_id = ? AND purpose_key = ?")
			.params(tenant.value(), purpose)
			.update();
		for (Channel channel : channels) {
			jdbc.sql("INSERT INTO purpose_double_opt_in (tenant_id, purpose_key, channel) VALUES (?, ?, ?)")
				.params(tenant.value(), purpose, channel.name())
				.update();
		}
	}

	@Override
	public void insert(Confirmation c) {
		jdbc.sql("""
				INSERT INTO consent_confirmation
				(tenant_id, event_id, method, salt, secret_sha256, attempts, created_at, expires_at, confirmed_by)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(c.tenant().value(), c.eventId(), c.method().name(), c.salt(), c.secretSha256(), c.attempts(),
					c.createdAt().toEpochMilli(), c.expiresAt().toEpochMilli(), c.confirmedBy())
			.update();
	}

	@Override
	public Optional<Confirmation> lock(TenantId tenant, String eventId) {
		return jdbc.sql("SELECT * FROM consent_confirmation WHERE tenant_id = ? AND event_id = ?"
				+ (database.isSqlite() ? "" : " FOR UPDATE"))
			.params(tenant.value(), eventId)
			.query(JdbcConfirmations::confirmation)
			.optional();
	}

	@Override
	public void failed(TenantId tenant, String eventId) {
		jdbc.sql("UPDATE consent_confirmation SET attempts = attempts + 1 WHERE tenant_id = ? AND event_id = ?")
			.params(tenant.value(), eventId)
			.update();
	}

	@Override
	public void confirmed(TenantId tenant, String eventId, String confirmedBy) {
		int updated = jdbc.sql("UPDATE consent_confirmation SET confirmed_by = ? WHERE tenant_id = ? AND event_id = ?"
				+ " AND confirmed_by IS NULL")
			.params(confirmedBy, tenant.value(), eventId)
			.update();
		if (updated != 1) {
			throw new IllegalStateException("Confirmation of event " + eventId + " was used meanwhile: it must be locked");
		}
	}

	@Override
	public Optional<ConsentLedger.Entry> entry(TenantId tenant, String eventId) {
		return jdbc.sql("SELECT e.*, v.document FROM consent_event e LEFT JOIN consent_evidence v"
				+ " ON v.tenant_id = e.tenant_id AND v.event_id = e.event_id WHERE e.tenant_id = ? AND e.event_id = ?")
			.params(tenant.value(), eventId)
			.query((rs, n) -> {
				ConsentEvent event = JdbcConsentLedger.event(rs);
				return new ConsentLedger.Entry(event.seq(), event, rs.getString("document"));
			})
			.optional();
	}

	private static Confirmation confirmation(ResultSet rs, int row) throws SQLException {
		return new Confirmation(TenantId.of(rs.getString("tenant_id")), rs.getString("event_id"),
				ConfirmationMethod.valueOf(rs.getString("method")), rs.getString("salt"), rs.getString("secret_sha256"),
				rs.getInt("attempts"), Instant.ofEpochMilli(rs.getLong("created_at")),
				Instant.ofEpochMilli(rs.getLong("expires_at")), rs.getString("confirmed_by"));
	}
}
