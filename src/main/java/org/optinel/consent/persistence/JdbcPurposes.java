package org.optinel.consent.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.optinel.consent.Notice;
import org.optinel.consent.Purpose;
import org.optinel.consent.PurposeKind;
import org.optinel.consent.Purposes;
import org.optinel.core.TenantId;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Purposes and notices in SQL, the same statements on SQLite and PostgreSQL. */
@Repository
class JdbcPurposes implements Purposes {

	private static final String NOTICE_COLUMNS = "notice_id, tenant_id, purpose_key, language, version, text, sha256, created_at";

	private final JdbcClient jdbc;

	JdbcPurposes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public boolean insert(Purpose p) {
		return jdbc.sql("""
				INSERT INTO purpose (tenant_id, purpose_key, name, description, kind, similar_products, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
			.params(p.tenant().value(), p.key(), p.name(), p.description(), p.kind().name(), p.similarProducts(),
					p.createdAt().toEpochMilli())
			.update() == 1;
	}

	@Override
	public Optional<Purpose> find(TenantId tenant, String key) {
		return jdbc.sql("SELECT * FROM purpose WHERE tenant_id = ? AND purpose_key = ?")
			.params(tenant.value(), key)
			.query(JdbcPurposes::purpose)
			.optional();
	}

	@Override
	public List<Purpose> list(TenantId tenant) {
		return jdbc.sql("SELECT * FROM purpose WHERE tenant_id = ? ORDER BY purpose_key")
			.param(tenant.value())
			.query(JdbcPurposes::purpose)
			.list();
	}

	@Override
	public boolean insert(Notice n) {
		try {
			return jdbc.sql("INSERT INTO notice (" + NOTICE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
				.params(n.id(), n.tenant().value(), n.purpose(), n.language(), n.version(), n.text(), n.sha256(),
						n.createdAt().toEpochMilli())
				.update() == 1;
		}
		catch (DuplicateKeyException race) {
			return false;
		}
	}

	@Override
	public Optional<Notice> findNotice(TenantId tenant, String id) {
		return jdbc.sql("SELECT " + NOTICE_COLUMNS + " FROM notice WHERE tenant_id = ? AND notice_id = ?")
			.params(tenant.value(), id)
			.query(JdbcPurposes::notice)
			.optional();
	}

	@Override
	public Optional<Notice> latestNotice(TenantId tenant, String purpose, String language) {
		return jdbc.sql("SELECT " + NOTICE_COLUMNS + " FROM notice WHERE tenant_id = ? AND purpose_key = ? AND language = ?"
				+ " ORDER BY version DESC LIMIT 1")
			.params(tenant.value(), purpose, language)
			.query(JdbcPurposes::notice)
			.optional();
	}

	@Override
	public List<Notice> notices(TenantId tenant, String purpose) {
		return jdbc.sql("SELECT " + NOTICE_COLUMNS + " FROM notice WHERE tenant_id = :tenant"
				+ (purpose == null ? "" : " AND purpose_key = :purpose") + " ORDER BY purpose_key, language, version")
			.param("tenant", tenant.value())
			.params(purpose == null ? java.util.Map.of() : java.util.Map.of("purpose", purpose))
			.query(JdbcPurposes::notice)
			.list();
	}

	private static Purpose purpose(ResultSet rs, int row) throws SQLException {
		return new Purpose(TenantId.of(rs.getString("tenant_id")), rs.getString("purpose_key"), rs.getString("name"),
				rs.getString("description"), PurposeKind.valueOf(rs.getString("kind")), rs.getBoolean("similar_products"),
				Instant.ofEpochMilli(rs.getLong("created_at")));
	}

	private static Notice notice(ResultSet rs, int row) throws SQLException {
		return new Notice(rs.getString("notice_id"), TenantId.of(rs.getString("tenant_id")), rs.getString("purpose_key"),
				rs.getString("language"), rs.getInt("version"), rs.getString("text"), rs.getString("sha256"),
				Instant.ofEpochMilli(rs.getLong("created_at")));
	}
}
