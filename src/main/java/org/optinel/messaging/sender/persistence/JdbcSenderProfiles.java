package org.optinel.messaging.sender.persistence;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.optinel.core.EmailAddress;
import org.optinel.core.TenantId;
import org.optinel.messaging.sender.Money;
import org.optinel.messaging.sender.OptOutMode;
import org.optinel.messaging.sender.SenderProfile;
import org.optinel.messaging.sender.SenderProfiles;
import org.optinel.messaging.sender.SmsSenderId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Sender profiles in SQL: one row per tenant, its inbound numbers one row each. */
@Repository
class JdbcSenderProfiles implements SenderProfiles {

	private final JdbcClient jdbc;

	JdbcSenderProfiles(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Optional<SenderProfile> find(TenantId tenant) {
		List<String> numbers = jdbc.sql("SELECT inbound_number FROM sender_inbound_number WHERE tenant_id = ? "
				+ "ORDER BY ordinal")
			.param(tenant.value())
			.query(String.class)
			.list();
		return jdbc.sql("SELECT brand, sms_sender_id, sms_opt_out_mention, opt_out_mode, email_from_address, "
				+ "email_from_name, sms_cost_per_segment, sms_cost_currency FROM sender_profile WHERE tenant_id = ?")
			.param(tenant.value())
			.query((rs, row) -> profile(rs, numbers))
			.optional();
	}

	@Override
	public void save(TenantId tenant, SenderProfile p, Instant at) {
		Money cost = p.smsCostPerSegment();
		// Upsert, the same on SQLite and PostgreSQL: two first profiles at once do not collide.
		jdbc.sql("INSERT INTO sender_profile (tenant_id, brand, sms_sender_id, sms_opt_out_mention, opt_out_mode, "
				+ "email_from_address, email_from_name, sms_cost_per_segment, sms_cost_currency, updated_at) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id) DO UPDATE SET brand = excluded.brand, "
				+ "sms_sender_id = excluded.sms_sender_id, sms_opt_out_mention = excluded.sms_opt_out_mention, "
				+ "opt_out_mode = excluded.opt_out_mode, email_from_address = excluded.email_from_address, "
				+ "email_from_name = excluded.email_from_name, sms_cost_per_segment = excluded.sms_cost_per_segment, "
				+ "sms_cost_currency = excluded.sms_cost_currency, updated_at = excluded.updated_at")
			.params(tenant.value(), p.brand(), p.smsSenderId() == null ? null : p.smsSenderId().value(),
					p.smsOptOutMention(), p.optOutMode().name(),
					p.emailFromAddress() == null ? null : p.emailFromAddress().value(), p.emailFromName(),
					cost == null ? null : cost.amount().toPlainString(), cost == null ? null : cost.currency(),
					at.toEpochMilli())
			.update();
		jdbc.sql("DELETE FROM sender_inbound_number WHERE tenant_id = ?").param(tenant.value()).update();
		List<String> numbers = p.inboundNumbers();
		for (int i = 0; i < numbers.size(); i++) {
			jdbc.sql("INSERT INTO sender_inbound_number (tenant_id, inbound_number, ordinal) VALUES (?, ?, ?)")
				.params(tenant.value(), numbers.get(i), i)
				.update();
		}
	}

	private static SenderProfile profile(ResultSet rs, List<String> numbers) throws SQLException {
		String sender = rs.getString("sms_sender_id");
		String from = rs.getString("email_from_address");
		String amount = rs.getString("sms_cost_per_segment");
		return new SenderProfile(rs.getString("brand"), sender == null ? null : new SmsSenderId(sender),
				rs.getString("sms_opt_out_mention"), OptOutMode.valueOf(rs.getString("opt_out_mode")),
				from == null ? null : new EmailAddress(from), rs.getString("email_from_name"), numbers,
				amount == null ? null : new Money(new BigDecimal(amount), rs.getString("sms_cost_currency")));
	}
}
