package org.optinel.messaging.inbound.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.optinel.core.TenantId;
import org.optinel.messaging.inbound.InboundMessages;
import org.optinel.messaging.inbound.InboundOutcome;
import org.optinel.messaging.inbound.InboundProvider;
import org.optinel.messaging.inbound.ReceivedSms;
import org.optinel.messaging.inbound.ReplyKind;
import org.optinel.messaging.inbound.SmsReply;
import org.optinel.suppression.KeywordMatch;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Inbound messages and replies in SQL. */
@Repository
class JdbcInboundMessages implements InboundMessages {

	private static final String MESSAGE_COLUMNS = "message_id, provider, from_phone, to_address, text, received_at, "
			+ "recorded_at, kind, keyword, outcome, contact_id";

	private static final String REPLY_COLUMNS = "reply_id, to_phone, from_address, kind, text, in_reply_to, created_at, "
			+ "send_before, state";

	private final JdbcClient jdbc;

	JdbcInboundMessages(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public boolean insert(ReceivedSms m) {
		// ON CONFLICT DO NOTHING (SQLite and PostgreSQL alike): a concurrent second delivery waits for the
		// first and then inserts nothing, without aborting its transaction.
		return jdbc.sql("INSERT INTO inbound_sms (tenant_id, " + MESSAGE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
				+ "?, ?, ?) ON CONFLICT (tenant_id, message_id) DO NOTHING")
			.params(m.tenant().value(), m.messageId(), m.provider().name(), m.from(), m.to(), m.text(),
					m.receivedAt().toEpochMilli(), m.recordedAt().toEpochMilli(), m.kind().name(), m.keyword(),
					m.outcome().name(), m.contactId())
			.update() == 1;
	}

	@Override
	public void settle(ReceivedSms m) {
		jdbc.sql("UPDATE inbound_sms SET outcome = ?, contact_id = ? WHERE tenant_id = ? AND message_id = ?")
			.params(m.outcome().name(), m.contactId(), m.tenant().value(), m.messageId())
			.update();
	}

	@Override
	public Optional<ReceivedSms> find(TenantId tenant, String messageId) {
		return jdbc.sql("SELECT " + MESSAGE_COLUMNS + " FROM inbound_sms WHERE tenant_id = ? AND message_id = ?")
			.params(tenant.value(), messageId)
			.query((rs, row) -> message(tenant, rs))
			.optional();
	}

	@Override
	public void insert(SmsReply r) {
		jdbc.sql("INSERT INTO sms_reply (tenant_id, " + REPLY_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(r.tenant().value(), r.id(), r.to(), r.from(), r.kind().name(), r.text(), r.inReplyTo(),
					r.createdAt().toEpochMilli(), r.sendBefore().toEpochMilli(), r.state())
			.update();
	}

	@Override
	public Optional<SmsReply> replyTo(TenantId tenant, String messageId) {
		return jdbc.sql("SELECT " + REPLY_COLUMNS + " FROM sms_reply WHERE tenant_id = ? AND in_reply_to = ?")
			.params(tenant.value(), messageId)
			.query((rs, row) -> reply(tenant, rs))
			.optional();
	}

	@Override
	public List<SmsReply> replies(TenantId tenant, String state, int limit) {
		return jdbc.sql("SELECT " + REPLY_COLUMNS + " FROM sms_reply WHERE tenant_id = ? AND state = ? "
				+ "ORDER BY created_at, reply_id LIMIT ?")
			.params(tenant.value(), state, limit)
			.query((rs, row) -> reply(tenant, rs))
			.list();
	}

	@Override
	public List<ReceivedSms> ofSenders(TenantId tenant, Collection<String> contactIds, Collection<String> phones) {
		return jdbc.sql("SELECT " + MESSAGE_COLUMNS + " FROM inbound_sms m WHERE m.tenant_id = :tenant AND "
				+ senders(phones) + " ORDER BY m.received_at, m.message_id")
			.params(params(tenant, contactIds, phones))
			.query((rs, row) -> message(tenant, rs))
			.list();
	}

	@Override
	public List<SmsReply> repliesToSenders(TenantId tenant, Collection<String> contactIds, Collection<String> phones) {
		return jdbc.sql("SELECT " + REPLY_COLUMNS + " FROM sms_reply WHERE tenant_id = :tenant AND in_reply_to IN ("
				+ SENDERS_MESSAGES + senders(phones) + ") ORDER BY created_at, reply_id")
			.params(params(tenant, contactIds, phones))
			.query((rs, row) -> reply(tenant, rs))
			.list();
	}

	@Override
	public Counts countOfSenders(TenantId tenant, Collection<String> contactIds, Collection<String> phones) {
		Map<String, Object> params = params(tenant, contactIds, phones);
		long replies = jdbc.sql("SELECT count(*) FROM sms_reply WHERE tenant_id = :tenant AND in_reply_to IN ("
				+ SENDERS_MESSAGES + senders(phones) + ")").params(params).query(Long.class).single();
		long messages = jdbc.sql("SELECT count(*) FROM inbound_sms m WHERE m.tenant_id = :tenant AND " + senders(phones))
			.params(params)
			.query(Long.class)
			.single();
		return new Counts(messages, replies);
	}

	@Override
	public Counts eraseSenders(TenantId tenant, Collection<String> contactIds, Collection<String> phones) {
		Map<String, Object> params = params(tenant, contactIds, phones);
		// Replies first: the cascade of their foreign key needs SQLite's foreign_keys setting.
		int replies = jdbc.sql("DELETE FROM sms_reply WHERE tenant_id = :tenant AND in_reply_to IN ("
				+ SENDERS_MESSAGES + senders(phones) + ")").params(params).update();
		int messages = jdbc.sql("DELETE FROM inbound_sms WHERE tenant_id = :tenant AND message_id IN ("
				+ SENDERS_MESSAGES + senders(phones) + ")").params(params).update();
		return new Counts(messages, replies);
	}

	private static final String SENDERS_MESSAGES = "SELECT m.message_id FROM inbound_sms m WHERE m.tenant_id = :tenant AND ";

	/** The messages recorded for the contacts, or from the numbers and recorded for nobody. */
	private static String senders(Collection<String> phones) {
		return phones.isEmpty() ? "m.contact_id IN (:contacts)"
				: "(m.contact_id IN (:contacts) OR (m.contact_id IS NULL AND m.from_phone IN (:phones)))";
	}

	private static Map<String, Object> params(TenantId tenant, Collection<String> contactIds, Collection<String> phones) {
		if (contactIds.isEmpty()) {
			throw new IllegalArgumentException("name at least one contact");
		}
		Map<String, Object> params = new HashMap<>();
		params.put("tenant", tenant.value());
		params.put("contacts", List.copyOf(contactIds));
		if (!phones.isEmpty()) {
			params.put("phones", List.copyOf(phones));
		}
		return params;
	}

	private static ReceivedSms message(TenantId tenant, ResultSet rs) throws SQLException {
		return new ReceivedSms(tenant, rs.getString("message_id"), InboundProvider.valueOf(rs.getString("provider")),
				rs.getString("from_phone"), rs.getString("to_address"), rs.getString("text"),
				Instant.ofEpochMilli(rs.getLong("received_at")), Instant.ofEpochMilli(rs.getLong("recorded_at")),
				KeywordMatch.Kind.valueOf(rs.getString("kind")), rs.getString("keyword"),
				InboundOutcome.valueOf(rs.getString("outcome")), rs.getString("contact_id"));
	}

	private static SmsReply reply(TenantId tenant, ResultSet rs) throws SQLException {
		return new SmsReply(tenant, rs.getString("reply_id"), rs.getString("to_phone"), rs.getString("from_address"),
				ReplyKind.valueOf(rs.getString("kind")), rs.getString("text"), rs.getString("in_reply_to"),
				Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("send_before")),
				rs.getString("state"));
	}
}
