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
import org.optinel.core.Database;
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

	private final boolean sqlite;

	JdbcEligibilityStore(JdbcClient jdbc, DataSource dataSource, Database database) {
		this.jdbc = jdbc;
		this.sqlite = database.isSqlite();
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

	/** PostgreSQL's memory for the audience's hash joins, set for its transaction. */
	static final String AUDIENCE_WORK_MEM = "64MB";

	/**
	 * The audience in one statement, screened against the suppression list (SEED-02, GDPR-07): the
	 * contacts with an address and a proven grant, or with no answer (or only a pending or unproven
	 * one) and flags that allow another basis (B2B, soft opt-in).
	 * <p>
	 * On SQLite, whose planner only nests loops, it is written as the union of those two disjoint
	 * parts, so that the common case costs probes per grant rather than per contact: the grants
	 * driven from the consent index, and a scan of the covering contact index whose flag test needs
	 * no probe (1.39 s to 1.0 s over 1M contacts). On PostgreSQL the union measured no better (250,000
	 * primary-key probes cost more there than one scan), so it keeps a single scan of the contacts, but
	 * tests the grant as an EXISTS rather than through a LEFT JOIN on the answers: the planner makes it
	 * a hashed subplan over one tenant's granted contact ids, probed in the scan's filter, so that the
	 * three out of four contacts without a grant are dropped there, before the suppression anti-joins,
	 * and the hash holds only the grants. The other bases need no answer but a pending or unproven one
	 * (NOT EXISTS, hashed too, and only probed for flagged contacts). Both forms are checked against
	 * the per-contact decision by the same tests.
	 */
	@Override
	public void audience(TenantId tenant, AudienceQuery q, Consumer<AudienceRow> sink) {
		boolean sms = q.channel() == Channel.SMS;
		String own = sms ? "c.phone_hash" : "c.email_hash";
		String other = sms ? "c.email_hash" : "c.phone_hash";
		MapSqlParameterSource params = new MapSqlParameterSource().addValue("tenant", tenant.value())
			.addValue("channel", q.channel().name());
		StringBuilder sql = new StringBuilder();
		if (q.transactional()) {
			sql.append("SELECT c.contact_id, c.phone FROM contact c WHERE c.tenant_id = :tenant AND ")
				.append(own)
				.append(" IS NOT NULL ");
			if (sms) {
				// A STOP silences the sender, transactional texts included; nothing else screens them.
				sql.append("AND NOT EXISTS (SELECT 1 FROM suppression x WHERE x.tenant_id = c.tenant_id "
						+ "AND x.identifier_hash = c.phone_hash AND x.channel IN ('SMS', 'ALL') AND x.lifted_at IS NULL "
						+ "AND x.reason = 'SMS_STOP') ");
			}
		}
		else {
			params.addValue("purpose", q.purpose());
			String screened = " AND NOT EXISTS (SELECT 1 FROM suppression x WHERE x.tenant_id = c.tenant_id "
					+ "AND x.identifier_hash = " + own + " AND x.channel IN (:channel, 'ALL') AND x.lifted_at IS NULL)"
					+ " AND NOT EXISTS (SELECT 1 FROM suppression y WHERE y.tenant_id = c.tenant_id "
					+ "AND y.identifier_hash = " + other + " AND y.channel = 'ALL' AND y.lifted_at IS NULL) ";
			if (!this.sqlite) {
				// The grant test and the test for an answer that rules the other bases out are hashed
				// subplans (each a hash of one tenant's contact ids, built once): the default 4 MB is too
				// small for the 250,000 grants of 1M contacts, and without it the plan probes the consent
				// index once per contact instead (correct, but four times slower). For this transaction only.
				// The subqueries name the tenant rather than c.tenant_id: correlated on it, the tenant became
				// a key of the hash, built from every tenant's rows.
				jdbc.sql("SET LOCAL work_mem = '" + AUDIENCE_WORK_MEM + "'").update();
				sql.append("SELECT c.contact_id, c.phone FROM contact c WHERE c.tenant_id = :tenant AND ")
					.append(own)
					.append(" IS NOT NULL AND (EXISTS (SELECT 1 FROM consent_state s WHERE s.tenant_id = :tenant "
							+ "AND s.contact_id = c.contact_id AND s.channel = :channel AND s.purpose_key = :purpose "
							+ "AND s.status = 'GRANTED') OR ((c.professional = TRUE");
				appendSoftOptIn(sql, q, params, ":tenant");
				sql.append(") AND NOT EXISTS (SELECT 1 FROM consent_state d WHERE d.tenant_id = :tenant "
						+ "AND d.contact_id = c.contact_id AND d.channel = :channel AND d.purpose_key = :purpose "
						+ "AND d.status NOT IN ('PENDING', 'UNPROVEN'))))")
					.append(screened);
				stream(sql, params, sink);
				return;
			}
			sql.append("SELECT c.contact_id, c.phone FROM consent_state s JOIN contact c ON c.tenant_id = s.tenant_id "
					+ "AND c.contact_id = s.contact_id WHERE s.tenant_id = :tenant AND s.channel = :channel "
					+ "AND s.purpose_key = :purpose AND s.status = 'GRANTED' AND ")
				.append(own)
				.append(" IS NOT NULL")
				.append(screened);
			sql.append("UNION ALL SELECT c.contact_id, c.phone FROM contact c LEFT JOIN consent_state s "
					+ "ON s.tenant_id = c.tenant_id AND s.contact_id = c.contact_id AND s.channel = :channel "
					+ "AND s.purpose_key = :purpose WHERE c.tenant_id = :tenant AND ")
				.append(own)
				.append(" IS NOT NULL AND (c.professional = TRUE");
			appendSoftOptIn(sql, q, params, "c.tenant_id");
			sql.append(") AND (s.status IS NULL OR s.status IN ('PENDING', 'UNPROVEN'))").append(screened);
		}
		stream(sql, params, sink);
	}

	/**
	 * The soft opt-in alternative (EP-02, FR-03): a client by a recent client-making activity, from a
	 * sale, offered an opt-out. {@code tenant} is how the activity's tenant is matched: {@code :tenant}
	 * where PostgreSQL hashes the subquery, so that the hash holds one tenant's activities.
	 */
	private static void appendSoftOptIn(StringBuilder sql, AudienceQuery q, MapSqlParameterSource params, String tenant) {
		if (q.softOptIn()) {
			sql.append(" OR (c.collected_in_sale = TRUE AND c.opt_out_offered = TRUE AND EXISTS (SELECT 1 FROM activity a "
					+ "WHERE a.tenant_id = " + tenant + " AND a.contact_id = c.contact_id AND a.type IN (:types) "
					+ "AND a.occurred_at >= :clientSince))");
			params.addValue("types", List.copyOf(q.clientActivityTypes()))
				.addValue("clientSince", q.clientSince().toEpochMilli());
		}
	}

	private void stream(StringBuilder sql, MapSqlParameterSource params, Consumer<AudienceRow> sink) {
		streaming.query(sql.toString(), params, rs -> {
			sink.accept(new AudienceRow(rs.getString(1), rs.getString(2)));
		});
	}

	@Override
	public List<String> contactsWithPhoneHash(TenantId tenant, String phoneHash) {
		// No index leads with the hash: the contact_eligibility index covers the scan.
		return jdbc.sql("SELECT contact_id FROM contact WHERE tenant_id = ? AND phone_hash = ?")
			.params(tenant.value(), phoneHash)
			.query(String.class)
			.list();
	}

	@Override
	public int countContacts(TenantId tenant) {
		return jdbc.sql("SELECT count(*) FROM contact WHERE tenant_id = ?").param(tenant.value()).query(Integer.class).single();
	}

	@Override
	public void forEachContact(TenantId tenant, Collection<String> contactIds, Consumer<ContactRow> sink) {
		streaming.query("SELECT contact_id, phone, phone_hash, email_hash, email_key IS NOT NULL, professional, "
				+ "collected_in_sale, opt_out_offered FROM contact WHERE tenant_id = :tenant" + named(contactIds),
				params(tenant, contactIds), rs -> {
					sink.accept(new ContactRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(5),
							rs.getString(4), rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8), null));
				});
	}

	@Override
	public void forEachLastClientActivity(TenantId tenant, Collection<String> contactIds, Collection<String> types,
			java.util.function.BiConsumer<String, Long> sink) {
		streaming.query("SELECT contact_id, MAX(occurred_at) FROM activity WHERE tenant_id = :tenant AND type IN (:types)"
				+ named(contactIds) + " GROUP BY contact_id",
				params(tenant, contactIds).addValue("types", List.copyOf(types)), rs -> {
					sink.accept(rs.getString(1), rs.getLong(2));
				});
	}

	/**
	 * By contact, ordered as the primary key: without that order SQLite's planner, which has no
	 * statistics, prefers the audience index because it covers these columns, and reads every state
	 * of the tenant through it (tenant_id is all of that index it can use) to find a few contacts'.
	 */
	static final String STATES = "SELECT contact_id, channel, purpose_key, status, since FROM consent_state "
			+ "WHERE tenant_id = :tenant";

	static final String STATES_ORDER = " ORDER BY contact_id, channel, purpose_key";

	@Override
	public void forEachState(TenantId tenant, Collection<String> contactIds, Consumer<StateRow> sink) {
		streaming.query(STATES + named(contactIds) + (contactIds == null ? "" : STATES_ORDER),
				params(tenant, contactIds), rs -> {
					sink.accept(new StateRow(rs.getString(1), Channel.valueOf(rs.getString(2)), rs.getString(3),
							ConsentStatus.valueOf(rs.getString(4)), rs.getLong(5)));
				});
	}

	private static String named(Collection<String> contactIds) {
		if (contactIds == null) {
			return "";
		}
		if (contactIds.isEmpty() || contactIds.size() > MAX_NAMED) {
			throw new IllegalArgumentException("between 1 and " + MAX_NAMED + " contacts, not " + contactIds.size());
		}
		return " AND contact_id IN (:contacts)";
	}

	private static MapSqlParameterSource params(TenantId tenant, Collection<String> contactIds) {
		MapSqlParameterSource params = new MapSqlParameterSource("tenant", tenant.value());
		if (contactIds != null) {
			params.addValue("contacts", List.copyOf(contactIds));
		}
		return params;
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
