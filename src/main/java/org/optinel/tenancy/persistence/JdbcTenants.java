package org.optinel.tenancy.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.optinel.core.TenantId;
import org.optinel.tenancy.Jurisdiction;
import org.optinel.tenancy.Tenant;
import org.optinel.tenancy.Tenants;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tenants and API keys in SQL. Instants are stored as epoch milliseconds (UTC). */
@Repository
class JdbcTenants implements Tenants {

	private static final String COLUMNS = "tenant_id, name, default_region, time_zone, jurisdiction, "
			+ "client_window_months, client_activity_types, created_at";

	private final JdbcClient jdbc;

	JdbcTenants(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Optional<Tenant> find(TenantId id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM tenant WHERE tenant_id = ?")
			.param(id.value())
			.query(JdbcTenants::tenant)
			.optional();
	}

	@Override
	public List<Tenant> findByName(String name) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM tenant WHERE name = ?").param(name).query(JdbcTenants::tenant).list();
	}

	@Override
	public List<TenantId> allIds() {
		return jdbc.sql("SELECT tenant_id FROM tenant ORDER BY tenant_id").query((rs, n) -> new TenantId(rs.getString(1))).list();
	}

	@Override
	public boolean isEmpty() {
		return jdbc.sql("SELECT count(*) FROM tenant").query(Long.class).single() == 0;
	}

	@Override
	public void insert(Tenant tenant) {
		jdbc.sql("INSERT INTO tenant (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
			.params(tenant.id().value(), tenant.name(), tenant.defaultRegion(), tenant.timeZone().getId(),
					tenant.jurisdiction().name(), tenant.clientWindowMonths(),
					tenant.clientActivityTypes().stream().sorted().collect(Collectors.joining(",")),
					tenant.createdAt().toEpochMilli())
			.update();
	}

	@Override
	public void insertKey(TenantId tenant, String keyId, String keyHash, String label, Instant createdAt) {
		jdbc.sql("INSERT INTO api_key (tenant_id, key_id, key_hash, label, created_at) VALUES (?, ?, ?, ?, ?)")
			.params(tenant.value(), keyId, keyHash, label, createdAt.toEpochMilli())
			.update();
	}

	/**
	 * Not backed by an index: every index leads with {@code tenant_id}, keys are few, and verified
	 * keys are cached by the caller, so this runs once per key per cache period.
	 */
	@Override
	public Optional<TenantId> findByKeyHash(String keyHash) {
		return jdbc.sql("SELECT tenant_id FROM api_key WHERE key_hash = ? AND revoked_at IS NULL")
			.param(keyHash)
			.query((rs, n) -> TenantId.of(rs.getString(1)))
			.optional();
	}

	private static Tenant tenant(ResultSet rs, int row) throws SQLException {
		Set<String> types = Arrays.stream(rs.getString("client_activity_types").split(","))
			.filter(s -> !s.isBlank())
			.collect(Collectors.toSet());
		return new Tenant(TenantId.of(rs.getString("tenant_id")), rs.getString("name"), rs.getString("default_region"),
				ZoneId.of(rs.getString("time_zone")), Jurisdiction.valueOf(rs.getString("jurisdiction")),
				rs.getInt("client_window_months"), types, Instant.ofEpochMilli(rs.getLong("created_at")));
	}
}
