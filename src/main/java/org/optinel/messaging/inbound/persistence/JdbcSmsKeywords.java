package org.optinel.messaging.inbound.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.optinel.core.TenantId;
import org.optinel.messaging.inbound.KeywordSettings;
import org.optinel.messaging.inbound.OptInGrant;
import org.optinel.messaging.inbound.SmsKeywords;
import org.optinel.suppression.Keywords;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Keyword settings in SQL: words one per line, opt-in grants as a JSON object. */
@Repository
class JdbcSmsKeywords implements SmsKeywords {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<LinkedHashMap<String, List<OptInGrant>>> GRANTS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	JdbcSmsKeywords(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Optional<KeywordSettings> find(TenantId tenant) {
		return jdbc.sql("SELECT opt_out, opt_in, help, opt_in_grants, sender_name FROM sms_keywords WHERE tenant_id = ?")
			.param(tenant.value())
			.query(JdbcSmsKeywords::settings)
			.optional();
	}

	@Override
	public void save(TenantId tenant, KeywordSettings s, Instant at) {
		String optOut = String.join("\n", s.keywords().optOut());
		String optIn = String.join("\n", s.keywords().optIn());
		String help = String.join("\n", s.keywords().help());
		String grants = JSON.writeValueAsString(s.optInGrants());
		// Upsert, the same on SQLite and PostgreSQL: two first settings at once do not collide.
		jdbc.sql("INSERT INTO sms_keywords (tenant_id, opt_out, opt_in, help, opt_in_grants, sender_name, updated_at) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id) DO UPDATE SET opt_out = excluded.opt_out, "
				+ "opt_in = excluded.opt_in, help = excluded.help, opt_in_grants = excluded.opt_in_grants, "
				+ "sender_name = excluded.sender_name, updated_at = excluded.updated_at")
			.params(tenant.value(), optOut, optIn, help, grants, s.senderName(), at.toEpochMilli())
			.update();
	}

	private static KeywordSettings settings(ResultSet rs, int row) throws SQLException {
		Keywords keywords = new Keywords(lines(rs.getString("opt_out")), lines(rs.getString("opt_in")),
				lines(rs.getString("help")));
		Map<String, List<OptInGrant>> grants = JSON.readValue(rs.getString("opt_in_grants"), GRANTS);
		return new KeywordSettings(keywords, grants, rs.getString("sender_name"));
	}

	private static List<String> lines(String text) {
		return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
	}
}
