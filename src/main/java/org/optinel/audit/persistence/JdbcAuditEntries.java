package org.optinel.audit.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.optinel.audit.AuditEntries;
import org.optinel.audit.AuditEntry;
import org.optinel.core.TenantId;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The audit log in SQL: one INSERT and one SELECT, and no other statement on the table. */
@Repository
class JdbcAuditEntries implements AuditEntries {

	private static final TypeReference<LinkedHashMap<String, Object>> DETAILS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	JdbcAuditEntries(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@Override
	public void append(AuditEntry e) {
		jdbc.sql("INSERT INTO audit_log (tenant_id, entry_id, at, actor, action, target, count, details)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
			.params(e.tenant().value(), e.id(), e.at().toEpochMilli(), e.actor(), e.action(), e.target(), e.count(),
					json.writeValueAsString(e.details()))
			.update();
	}

	@Override
	public List<AuditEntry> page(TenantId tenant, String action, String before, int limit) {
		StringBuilder sql = new StringBuilder(
				"SELECT tenant_id, entry_id, at, actor, action, target, count, details FROM audit_log WHERE tenant_id = :tenant");
		Map<String, Object> params = new HashMap<>();
		params.put("tenant", tenant.value());
		if (action != null) {
			sql.append(" AND action = :action");
			params.put("action", action);
		}
		if (before != null) {
			sql.append(" AND entry_id < :before");
			params.put("before", before);
		}
		sql.append(" ORDER BY entry_id DESC LIMIT :limit");
		params.put("limit", limit + 1);
		return jdbc.sql(sql.toString()).params(params).query(this::entry).list();
	}

	private AuditEntry entry(ResultSet rs, int row) throws SQLException {
		return new AuditEntry(TenantId.of(rs.getString("tenant_id")), rs.getString("entry_id"),
				Instant.ofEpochMilli(rs.getLong("at")), rs.getString("actor"), rs.getString("action"),
				rs.getString("target"), rs.getLong("count"), json.readValue(rs.getString("details"), DETAILS));
	}
}
