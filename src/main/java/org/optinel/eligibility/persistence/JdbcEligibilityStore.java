package org.optinel.eligibility.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.optinel.consent.ConsentStatus;
import org.optinel.core.Channel;
import org.optinel.core.TenantId;
import org.optinel.eligibility.ConsentFacts;
import org.optinel.eligibility.EligibilityStore;
import org.optinel.eligibility.StoredFacts;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The eligibility read model in SQL. It reads, never writes, the tables of contacts, consent and
 * suppression: the audience is one statement over them, which no module's API could compose.
 */
@Repository
class JdbcEligibilityStore implements EligibilityStore {

	private static final String FACTS = "SELECT c.contact_id, c.phone, c.phone_hash, c.email_key, c.email_hash, "
			+ "c.professional, c.collected_in_sale, c.opt_out_offered, "
			+ "(SELECT MAX(a.occurred_at) FROM activity a WHERE a.tenant_id = c.tenant_id AND a.contact_id = c.contact_id "
			+ "AND a.type IN (:types)) AS last_client, s.status, s.since FROM contact c "
			+ "LEFT JOIN consent_state s ON s.tenant_id = c.tenant_id AND s.contact_id = c.contact_id "
			+ "AND s.channel = :channel AND s.purpose_key = :purpose WHERE c.tenant_id = :tenant AND ";

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate streaming;

	JdbcEligibilityStore(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		JdbcTemplate template = new JdbcTemplate(dataSource);
		// PostgreSQL streams only with a fetch size (and inside a transaction); SQLite always streams.
		template.setFetchSize(10_000);
		this.streaming = new NamedParameterJdbcTemplate(template);
	}

	@Override
	public Optional<StoredFacts> byContact(TenantId tenant, String contactId, Channel channel, String purpose,
			Collection<String> types) {
		return facts(tenant, "c.contact_id = :key", contactId, channel, purpose, types);
	}

	@Override
	public Optional<StoredFacts> byPhone(TenantId tenant, String e164, Channel channel, String purpose,
			Collection<String> types) {
		return facts(tenant, "c.phone = :key", e164, channel, purpose, types);
	}

	@Override
	public Optional<StoredFacts> byEmail(TenantId tenant, String emailKey, Channel channel, String purpose,
			Collection<String> types) {
		return facts(tenant, "c.email_key = :key", emailKey, channel, purpose, types);
	}

	private Optional<StoredFacts> facts(TenantId tenant, String where, String key, Channel channel, String purpose,
			Collection<String> types) {
		return jdbc.sql(FACTS + where)
			.param("types", types)
			.param("channel", channel.name())
			.param("purpose", purpose)
			.param("tenant", tenant.value())
			.param("key", key)
			.query((rs, n) -> facts(rs))
			.optional();
	}

	private static StoredFacts facts(ResultSet rs) throws SQLException {
		String status = rs.getString("status");
		ConsentFacts consent = status == null ? null
				: new ConsentFacts(ConsentStatus.valueOf(status), Instant.ofEpochMilli(rs.getLong("since")));
		long last = rs.getLong("last_client");
		Instant lastClient = rs.wasNull() ? null : Instant.ofEpochMilli(last);
		return new StoredFacts(rs.getString("contact_id"), rs.getString("phone"), rs.getString("phone_hash"),
				rs.getString("email_key") != null, rs.getString("email_hash"), rs.getBoolean("professional"),
				rs.getBoolean("collected_in_sale"), rs.getBoolean("opt_out_offered"), lastClient, consent);
	}

	@Override
	public List<ActiveSuppression> suppressions(TenantId tenant, Collection<String> hashes) {
		if (hashes.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("SELECT identifier_hash, channel, reason FROM suppression WHERE tenant_id = :tenant "
				+ "AND identifier_hash IN (:hashes) AND lifted_at IS NULL")
			.param("tenant", tenant.value())
			.param("hashes", hashes)
			.query((rs, n) -> suppression(rs))
			.list();
	}

	static ActiveSuppression suppression(ResultSet rs) throws SQLException {
		String scope = rs.getString("channel");
		return new ActiveSuppression(rs.getString("identifier_hash"), "ALL".equals(scope) ? null : Channel.valueOf(scope),
				"SMS_STOP".equals(rs.getString("reason")));
	}

	@Override
	public void audience(TenantId tenant, AudienceQuery q, Consumer<AudienceRow> sink) {
		boolean sms = q.channel() == Channel.SMS;
		StringBuilder sql = new StringBuilder("SELECT c.contact_id, c.phone FROM contact c ");
		MapSqlParameterSource params = new MapSqlParameterSource().addValue("tenant", tenant.value());
		if (!q.transactional()) {
			sql.append("LEFT JOIN consent_state s ON s.tenant_id = c.tenant_id AND s.contact_id = c.contact_id "
					+ "AND s.channel = :channel AND s.purpose_key = :purpose ");
			params.addValue("channel", q.channel().name()).addValue("purpose", q.purpose());
		}
		sql.append("WHERE c.tenant_id = :tenant AND ").append(sms ? "c.phone_hash" : "c.email_hash").append(" IS NOT NULL ");
		if (q.transactional()) {
			if (sms) {
				// A STOP silences the sender, transactional texts included; nothing else screens them.
				sql.append("AND NOT EXISTS (SELECT 1 FROM suppression x WHERE x.tenant_id = c.tenant_id "
						+ "AND x.identifier_hash = c.phone_hash AND x.channel IN ('SMS', 'ALL') AND x.lifted_at IS NULL "
						+ "AND x.reason = 'SMS_STOP') ");
			}
		}
		else {
			String own = sms ? "c.phone_hash" : "c.email_hash";
			String other = sms ? "c.email_hash" : "c.phone_hash";
			sql.append("AND NOT EXISTS (SELECT 1 FROM suppression x WHERE x.tenant_id = c.tenant_id AND x.identifier_hash = ")
				.append(own)
				.append(" AND x.channel IN (:channel, 'ALL') AND x.lifted_at IS NULL) ")
				.append("AND NOT EXISTS (SELECT 1 FROM suppression y WHERE y.tenant_id = c.tenant_id AND y.identifier_hash = ")
				.append(other)
				.append(" AND y.channel = 'ALL' AND y.lifted_at IS NULL) ");
			sql.append("AND (s.status = 'GRANTED' OR ((s.status IS NULL OR s.status IN ('PENDING', 'UNPROVEN')) "
					+ "AND (c.professional = TRUE");
			if (q.softOptIn()) {
				sql.append(" OR (c.collected_in_sale = TRUE AND c.opt_out_offered = TRUE AND EXISTS (SELECT 1 FROM activity a "
						+ "WHERE a.tenant_id = c.tenant_id AND a.contact_id = c.contact_id AND a.type IN (:types) "
						+ "AND a.occurred_at >= :clientSince))");
				params.addValue("types", List.copyOf(q.clientActivityTypes()))
					.addValue("clientSince", q.clientSince().toEpochMilli());
			}
			sql.append("))) ");
		}
		streaming.query(sql.toString(), params, rs -> {
			sink.accept(new AudienceRow(rs.getString(1), rs.getString(2)));
		});
	}

	@Override
	public int countContacts(TenantId tenant) {
		return jdbc.sql("SELECT count(*) FROM contact WHERE tenant_id = ?").param(tenant.value()).query(Integer.class).single();
	}

	@Override
	public void forEachContact(TenantId tenant, String contactId, Consumer<ContactRow> sink) {
		streaming.getJdbcTemplate()
			.query("SELECT contact_id, phone, phone_hash, email_hash, email_key IS NOT NULL, professional, "
					+ "collected_in_sale, opt_out_offered FROM contact WHERE tenant_id = ?"
					+ (contactId == null ? "" : " AND contact_id = ?"), rs -> {
						sink.accept(new ContactRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(5),
								rs.getString(4), rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8), null));
					}, contactId == null ? new Object[] { tenant.value() } : new Object[] { tenant.value(), contactId });
	}

	@Override
	public void forEachLastClientActivity(TenantId tenant, String contactId, Collection<String> types,
			java.util.function.BiConsumer<String, Long> sink) {
		MapSqlParameterSource params = new MapSqlParameterSource().addValue("tenant", tenant.value())
			.addValue("types", List.copyOf(types))
			.addValue("contact", contactId);
		streaming.query("SELECT contact_id, MAX(occurred_at) FROM activity WHERE tenant_id = :tenant AND type IN (:types)"
				+ (contactId == null ? "" : " AND contact_id = :contact") + " GROUP BY contact_id", params,
				rs -> {
					sink.accept(rs.getString(1), rs.getLong(2));
				});
	}

	@Override
	public void forEachState(TenantId tenant, String contactId, Consumer<StateRow> sink) {
		streaming.getJdbcTemplate()
			.query("SELECT contact_id, channel, purpose_key, status, since FROM consent_state WHERE tenant_id = ?"
					+ (contactId == null ? "" : " AND contact_id = ?"), rs -> {
						sink.accept(new StateRow(rs.getString(1), Channel.valueOf(rs.getString(2)), rs.getString(3),
								ConsentStatus.valueOf(rs.getString(4)), rs.getLong(5)));
					}, contactId == null ? new Object[] { tenant.value() } : new Object[] { tenant.value(), contactId });
	}

	@Override
	public void forEachSuppression(TenantId tenant, Consumer<ActiveSuppression> sink) {
		streaming.getJdbcTemplate()
			.query("SELECT identifier_hash, channel, reason FROM suppression WHERE tenant_id = ? AND lifted_at IS NULL",
					rs -> {
						sink.accept(suppression(rs));
					}, tenant.value());
	}
}
