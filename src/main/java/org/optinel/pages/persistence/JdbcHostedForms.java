package org.optinel.pages.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.optinel.core.TenantId;
import org.optinel.pages.FormDefinition;
import org.optinel.pages.HostedForm;
import org.optinel.pages.HostedForms;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Form versions in SQL; each definition is kept as JSON. */
@Repository
class JdbcHostedForms implements HostedForms {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	JdbcHostedForms(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@Override
	public boolean insert(HostedForm form) {
		try {
			jdbc.sql("INSERT INTO hosted_form (tenant_id, form_id, version, name, definition, created_at) "
					+ "VALUES (?, ?, ?, ?, ?, ?)")
				.params(form.tenant().value(), form.id(), form.version(), form.definition().name(),
						json.writeValueAsString(form.definition()), form.createdAt().toEpochMilli())
				.update();
			return true;
		}
		catch (DuplicateKeyException race) {
			return false;
		}
	}

	@Override
	public Optional<HostedForm> latest(TenantId tenant, String id) {
		return jdbc.sql("SELECT form_id, version, definition, created_at FROM hosted_form "
				+ "WHERE tenant_id = ? AND form_id = ? ORDER BY version DESC LIMIT 1")
			.params(tenant.value(), id)
			.query((rs, row) -> form(tenant, rs))
			.optional();
	}

	@Override
	public Optional<HostedForm> version(TenantId tenant, String id, int version) {
		return jdbc.sql("SELECT form_id, version, definition, created_at FROM hosted_form "
				+ "WHERE tenant_id = ? AND form_id = ? AND version = ?")
			.params(tenant.value(), id, version)
			.query((rs, row) -> form(tenant, rs))
			.optional();
	}

	@Override
	public List<HostedForm> list(TenantId tenant) {
		return jdbc.sql("SELECT f.form_id, f.version, f.definition, f.created_at FROM hosted_form f "
				+ "WHERE f.tenant_id = ? AND f.version = (SELECT MAX(l.version) FROM hosted_form l "
				+ "WHERE l.tenant_id = f.tenant_id AND l.form_id = f.form_id) ORDER BY f.form_id")
			.param(tenant.value())
			.query((rs, row) -> form(tenant, rs))
			.list();
	}

	private HostedForm form(TenantId tenant, ResultSet rs) throws SQLException {
		return new HostedForm(tenant, rs.getString("form_id"), rs.getInt("version"),
				json.readValue(rs.getString("definition"), FormDefinition.class),
				Instant.ofEpochMilli(rs.getLong("created_at")));
	}
}
