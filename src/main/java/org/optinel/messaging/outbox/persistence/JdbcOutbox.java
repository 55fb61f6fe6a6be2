package org.optinel.messaging.outbox.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.optinel.core.Channel;
import org.optinel.core.Database;
import org.optinel.core.TenantId;
import org.optinel.messaging.outbox.MessageState;
import org.optinel.messaging.outbox.Origin;
import org.optinel.messaging.outbox.OutboxMessage;
import org.optinel.messaging.outbox.OutboxStore;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The outbox in SQL. */
@Repository
class JdbcOutbox implements OutboxStore {

	private static final String COLUMNS = "message_id, channel, recipient, recipient_hash, contact_id, purpose, marketing, "
			+ "origin, origin_id, dedupe_key, sender, sender_name, subject, body_text, body_html, state, attempts, "
			+ "next_attempt_at, "
			+ "send_before, provider, provider_ids, reason, created_at, updated_at, submitted_at, repermission";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final boolean sqlite;

	JdbcOutbox(JdbcClient jdbc, JdbcTemplate template, Database database) {
		this.jdbc = jdbc;
		this.template = template;
		this.sqlite = database.isSqlite();
	}

	@Override
	public boolean insert(OutboxMessage m) {
		// ON CONFLICT DO NOTHING: a second request with the same dedupe key waits for the first and then
		// inserts nothing, without aborting its transaction (SQLite and PostgreSQL alike).
		return jdbc.sql("INSERT INTO outbox_message (tenant_id, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
				+ "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
			.params(m.tenant().value(), m.id(), m.channel().name(), m.recipient(), m.recipientHash(), m.contactId(),
					m.purpose(), m.marketing(), m.origin().name(), m.originId(), m.dedupeKey(), m.sender(), m.senderName(), m.subject(),
					m.text(), m.html(), m.state().name(), m.attempts(), millis(m.nextAttemptAt()),
					millis(m.sendBefore()), m.provider(), ids(m.providerIds()), m.reason(), millis(m.createdAt()),
					millis(m.updatedAt()), millis(m.submittedAt()), m.repermission())
			.update() == 1;
	}

	@Override
	public int insertAll(List<OutboxMessage> messages) {
		int[][] counts = template.batchUpdate("INSERT INTO outbox_message (tenant_id, " + COLUMNS + ") VALUES (?, ?, ?, ?, "
				+ "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", messages, 1000,
				(ps, m) -> {
					// Typed setters: a launch binds 27 values for each of its messages.
					ps.setString(1, m.tenant().value());
					ps.setString(2, m.id());
					ps.setString(3, m.channel().name());
					ps.setString(4, m.recipient());
					ps.setString(5, m.recipientHash());
					ps.setString(6, m.contactId());
					ps.setString(7, m.purpose());
					ps.setBoolean(8, m.marketing());
					ps.setString(9, m.origin().name());
					ps.setString(10, m.originId());
					ps.setString(11, m.dedupeKey());
					ps.setString(12, m.sender());
					ps.setString(13, m.senderName());
					ps.setString(14, m.subject());
					ps.setString(15, m.text());
					ps.setString(16, m.html());
					ps.setString(17, m.state().name());
					ps.setInt(18, m.attempts());
					setMillis(ps, 19, m.nextAttemptAt());
					setMillis(ps, 20, m.sendBefore());
					ps.setString(21, m.provider());
					ps.setString(22, ids(m.providerIds()));
					ps.setString(23, m.reason());
					setMillis(ps, 24, m.createdAt());
					setMillis(ps, 25, m.updatedAt());
					setMillis(ps, 26, m.submittedAt());
					ps.setBoolean(27, m.repermission());
				});
		int stored = 0;
		for (int[] batch : counts) {
			for (int n : batch) {
				// A driver may answer SUCCESS_NO_INFO (-2) for a row of a batch: count it as stored.
				stored += n == java.sql.Statement.SUCCESS_NO_INFO ? 1 : n;
			}
		}
		return stored;
	}

	@Override
	public Optional<OutboxMessage> find(TenantId tenant, String id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM outbox_message WHERE tenant_id = ? AND message_id = ?")
			.params(tenant.value(), id)
			.query((rs, row) -> message(tenant, rs))
			.optional();
	}

	@Override
	public Optional<OutboxMessage> findByDedupeKey(TenantId tenant, String dedupeKey) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM outbox_message WHERE tenant_id = ? AND dedupe_key = ?")
			.params(tenant.value(), dedupeKey)
			.query((rs, row) -> message(tenant, rs))
			.optional();
	}

	@Override
	public List<OutboxMessage> byOrigin(TenantId tenant, Origin origin, String originId, int limit) {
		return jdbc
			.sql("SELECT " + COLUMNS + " FROM outbox_message WHERE tenant_id = ? AND origin = ? AND origin_id = ? "
					+ "ORDER BY message_id LIMIT ?")
			.params(tenant.value(), origin.name(), originId, limit)
			.query((rs, row) -> message(tenant, rs))
			.list();
	}

	@Override
	public Map<String, List<MessageState>> statesByContact(TenantId tenant, Origin origin, String originId) {
		Map<String, List<MessageState>> states = new java.util.HashMap<>();
		jdbc.sql("SELECT contact_id, state FROM outbox_message WHERE tenant_id = ? AND origin = ? AND origin_id = ? "
				+ "AND contact_id IS NOT NULL")
			.params(tenant.value(), origin.name(), originId)
			.query(rs -> {
				states.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(MessageState.valueOf(rs.getString(2)));
			});
		return states;
	}

	@Override
	public Map<MessageState, Long> countByState(TenantId tenant, Origin origin, String originId) {
		Map<MessageState, Long> counts = new EnumMap<>(MessageState.class);
		jdbc.sql("SELECT state, COUNT(*) FROM outbox_message WHERE tenant_id = ? AND origin = ? AND origin_id = ? "
				+ "GROUP BY state")
			.params(tenant.value(), origin.name(), originId)
			.query(rs -> {
				counts.put(MessageState.valueOf(rs.getString(1)), rs.getLong(2));
			});
		return counts;
	}

	@Override
	public List<OutboxMessage> claim(TenantId tenant, Channel channel, Instant now, int limit) {
		// SQLite has one writer: the transaction that runs this holds the database. PostgreSQL may have
		// several dispatchers (nodes): each skips the rows another has locked.
		List<String> ids = jdbc
			.sql("SELECT message_id FROM outbox_message WHERE tenant_id = ? AND channel = ? AND state = 'QUEUED' "
					+ "AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?"
					+ (sqlite ? "" : " FOR UPDATE SKIP LOCKED"))
			.params(tenant.value(), channel.name(), now.toEpochMilli(), limit)
			.query(String.class)
			.list();
		if (ids.isEmpty()) {
			return List.of();
		}
		String in = String.join(", ", Collections.nCopies(ids.size(), "?"));
		List<Object> params = new ArrayList<>(ids.size() + 3);
		params.add(now.toEpochMilli());
		params.add(tenant.value());
		params.addAll(ids);
		jdbc.sql("UPDATE outbox_message SET state = 'SUBMITTING', attempts = attempts + 1, updated_at = ? "
				+ "WHERE tenant_id = ? AND message_id IN (" + in + ")")
			.params(params)
			.update();
		params.remove(0);
		return jdbc
			.sql("SELECT " + COLUMNS + " FROM outbox_message WHERE tenant_id = ? AND message_id IN (" + in
					+ ") ORDER BY next_attempt_at, message_id")
			.params(params)
			.query((rs, row) -> message(tenant, rs))
			.list();
	}

	@Override
	public Optional<Instant> earliestDue(TenantId tenant, Channel channel) {
		Long due = jdbc
			.sql("SELECT MIN(next_attempt_at) FROM outbox_message WHERE tenant_id = ? AND channel = ? AND state = 'QUEUED'")
			.params(tenant.value(), channel.name())
			.query(Long.class)
			.optional()
			.orElse(null);
		return Optional.ofNullable(due).map(Instant::ofEpochMilli);
	}

	@Override
	public void settle(List<Settlement> settlements) {
		if (settlements.isEmpty()) {
			return;
		}
		// A message back in the queue stays out of it while its origin is paused, and ends once it is closed.
		template.batchUpdate("UPDATE outbox_message SET state = CASE WHEN ? = 'QUEUED' THEN COALESCE((SELECT "
				+ "h.returns_as FROM outbox_hold h WHERE h.tenant_id = outbox_message.tenant_id AND h.origin = "
				+ "outbox_message.origin AND h.origin_id = outbox_message.origin_id), 'QUEUED') ELSE ? END, reason = ?, "
				+ "next_attempt_at = COALESCE(?, "
				+ "next_attempt_at), attempts = attempts - ?, provider = COALESCE(?, provider), provider_ids = "
				+ "COALESCE(?, provider_ids), updated_at = ?, submitted_at = COALESCE(?, submitted_at) "
				+ "WHERE tenant_id = ? AND message_id = ?", settlements, settlements.size(), (ps, s) -> {
					ps.setString(1, s.state().name());
					ps.setString(2, s.state().name());
					ps.setString(3, truncate(s.reason()));
					setLong(ps, 4, millis(s.nextAttemptAt()));
					ps.setInt(5, s.attemptCounts() ? 0 : 1);
					ps.setString(6, s.provider());
					ps.setString(7, s.providerIds().isEmpty() ? null : ids(s.providerIds()));
					ps.setLong(8, s.at().toEpochMilli());
					setLong(ps, 9, s.providerIds().isEmpty() ? null : s.at().toEpochMilli());
					ps.setString(10, s.tenant().value());
					ps.setString(11, s.id());
				});
		List<Object[]> parts = new ArrayList<>();
		for (Settlement s : settlements) {
			for (String providerId : s.providerIds()) {
				parts.add(new Object[] { s.tenant().value(), providerId, s.id(), s.tenant().value(), s.id() });
			}
		}
		if (!parts.isEmpty()) {
			// Only for a message still there: one erased while it was being sent (GDPR-10) keeps no parts.
			template.batchUpdate("INSERT INTO outbox_part (tenant_id, provider_id, message_id) SELECT ?, ?, ? "
					+ "WHERE EXISTS (SELECT 1 FROM outbox_message m WHERE m.tenant_id = ? AND m.message_id = ?) "
					+ "ON CONFLICT DO NOTHING", parts);
		}
	}

	@Override
	public int move(TenantId tenant, Origin origin, String originId, MessageState from, MessageState to, Instant at) {
		return jdbc
			.sql("UPDATE outbox_message SET state = ?, updated_at = ? WHERE tenant_id = ? AND origin = ? AND origin_id = ? "
					+ "AND state = ?")
			.params(to.name(), at.toEpochMilli(), tenant.value(), origin.name(), originId, from.name())
			.update();
	}

	@Override
	public void returnsAs(TenantId tenant, Origin origin, String originId, MessageState state, Instant at) {
		if (state == null) {
			jdbc.sql("DELETE FROM outbox_hold WHERE tenant_id = ? AND origin = ? AND origin_id = ?")
				.params(tenant.value(), origin.name(), originId)
				.update();
			return;
		}
		jdbc.sql("INSERT INTO outbox_hold (tenant_id, origin, origin_id, returns_as, held_at) VALUES (?, ?, ?, ?, ?) "
				+ "ON CONFLICT (tenant_id, origin, origin_id) DO UPDATE SET returns_as = excluded.returns_as, "
				+ "held_at = excluded.held_at")
			.params(tenant.value(), origin.name(), originId, state.name(), at.toEpochMilli())
			.update();
	}

	@Override
	public int interrupted(TenantId tenant, Instant now, String reason) {
		return jdbc
			.sql("UPDATE outbox_message SET state = 'UNCERTAIN', reason = ?, updated_at = ? WHERE tenant_id = ? "
					+ "AND state = 'SUBMITTING'")
			.params(reason, now.toEpochMilli(), tenant.value())
			.update();
	}

	@Override
	public Optional<MessageState> report(TenantId tenant, String providerId, String partState, boolean delivered,
			Instant at) {
		Optional<String> messageId = jdbc
			.sql("SELECT message_id FROM outbox_part WHERE tenant_id = ? AND provider_id = ?")
			.params(tenant.value(), providerId)
			.query(String.class)
			.optional();
		if (messageId.isEmpty()) {
			return Optional.empty();
		}
		jdbc.sql("UPDATE outbox_part SET state = ?, reported_at = ? WHERE tenant_id = ? AND provider_id = ?")
			.params(partState, at.toEpochMilli(), tenant.value(), providerId)
			.update();
		// The message is DELIVERED once every part is, UNDELIVERED as soon as one part is not.
		List<String> states = jdbc.sql("SELECT state FROM outbox_part WHERE tenant_id = ? AND message_id = ?")
			.params(tenant.value(), messageId.get())
			.query((rs, row) -> rs.getString(1))
			.list();
		MessageState state;
		if (!delivered) {
			state = MessageState.UNDELIVERED;
		}
		else if (states.stream().allMatch("DELIVERED"::equals)) {
			state = MessageState.DELIVERED;
		}
		else {
			return find(tenant, messageId.get()).map(OutboxMessage::state);
		}
		// Only a message that left (or may have) moves on; a receipt never revives a BLOCKED one.
		jdbc.sql("UPDATE outbox_message SET state = ?, reason = CASE WHEN ? THEN reason ELSE ? END, updated_at = ? "
				+ "WHERE tenant_id = ? AND message_id = ? AND state IN ('SENT', 'UNCERTAIN', 'DELIVERED', 'UNDELIVERED')")
			.params(state.name(), delivered, "the provider reported the part " + providerId + " " + partState,
					at.toEpochMilli(), tenant.value(), messageId.get())
			.update();
		return Optional.of(state);
	}

	@Override
	public Optional<TenantId> tenantOfPart(List<TenantId> tenants, String providerId) {
		if (tenants.isEmpty()) {
			return Optional.empty();
		}
		// One index probe per tenant: tenant_id leads the key, and a receipt over SMPP names no tenant.
		String in = String.join(", ", Collections.nCopies(tenants.size(), "?"));
		List<Object> params = new ArrayList<>(tenants.size() + 1);
		tenants.forEach(t -> params.add(t.value()));
		params.add(providerId);
		return jdbc.sql("SELECT tenant_id FROM outbox_part WHERE tenant_id IN (" + in + ") AND provider_id = ?")
			.params(params)
			.query(String.class)
			.optional()
			.map(TenantId::new);
	}

	@Override
	public List<OutboxMessage> toRecipients(TenantId tenant, Collection<String> contactIds,
			Collection<String> recipientHashes) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM outbox_message o WHERE o.tenant_id = :tenant AND "
				+ recipients(recipientHashes) + " ORDER BY o.created_at, o.message_id")
			.params(params(tenant, contactIds, recipientHashes))
			.query((rs, row) -> message(tenant, rs))
			.list();
	}

	@Override
	public Counts countToRecipients(TenantId tenant, Collection<String> contactIds, Collection<String> recipientHashes) {
		Map<String, Object> params = params(tenant, contactIds, recipientHashes);
		long parts = jdbc.sql("SELECT count(*) FROM outbox_part WHERE tenant_id = :tenant AND message_id IN ("
				+ RECIPIENTS_MESSAGES + recipients(recipientHashes) + ")").params(params).query(Long.class).single();
		long messages = jdbc.sql("SELECT count(*) FROM outbox_message o WHERE o.tenant_id = :tenant AND "
				+ recipients(recipientHashes)).params(params).query(Long.class).single();
		return new Counts(messages, parts);
	}

	@Override
	public Counts eraseRecipients(TenantId tenant, Collection<String> contactIds, Collection<String> recipientHashes) {
		Map<String, Object> params = params(tenant, contactIds, recipientHashes);
		// Parts first: the cascade of their foreign key needs SQLite's foreign_keys setting.
		int parts = jdbc.sql("DELETE FROM outbox_part WHERE tenant_id = :tenant AND message_id IN ("
				+ RECIPIENTS_MESSAGES + recipients(recipientHashes) + ")").params(params).update();
		int messages = jdbc.sql("DELETE FROM outbox_message WHERE tenant_id = :tenant AND message_id IN ("
				+ RECIPIENTS_MESSAGES + recipients(recipientHashes) + ")").params(params).update();
		return new Counts(messages, parts);
	}

	private static final String RECIPIENTS_MESSAGES = "SELECT o.message_id FROM outbox_message o WHERE o.tenant_id = :tenant AND ";

	/** The messages to the contacts, or to the addresses and to no contact. */
	private static String recipients(Collection<String> hashes) {
		return hashes.isEmpty() ? "o.contact_id IN (:contacts)"
				: "(o.contact_id IN (:contacts) OR (o.contact_id IS NULL AND o.recipient_hash IN (:hashes)))";
	}

	private static Map<String, Object> params(TenantId tenant, Collection<String> contactIds, Collection<String> hashes) {
		if (contactIds.isEmpty()) {
			throw new IllegalArgumentException("name at least one contact");
		}
		Map<String, Object> params = new java.util.HashMap<>();
		params.put("tenant", tenant.value());
		params.put("contacts", List.copyOf(contactIds));
		if (!hashes.isEmpty()) {
			params.put("hashes", List.copyOf(hashes));
		}
		return params;
	}

	private static OutboxMessage message(TenantId tenant, ResultSet rs) throws SQLException {
		return new OutboxMessage(tenant, rs.getString("message_id"), Channel.valueOf(rs.getString("channel")),
				rs.getString("recipient"), rs.getString("recipient_hash"), rs.getString("contact_id"),
				rs.getString("purpose"), rs.getBoolean("marketing"), Origin.valueOf(rs.getString("origin")), rs.getString("origin_id"),
				rs.getString("dedupe_key"), rs.getString("sender"), rs.getString("sender_name"), rs.getString("subject"),
				rs.getString("body_text"), rs.getString("body_html"), MessageState.valueOf(rs.getString("state")),
				rs.getInt("attempts"), instant(rs, "next_attempt_at"), instant(rs, "send_before"),
				rs.getString("provider"), parseIds(rs.getString("provider_ids")), rs.getString("reason"),
				instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "submitted_at"),
				rs.getBoolean("repermission"));
	}

	private static void setLong(java.sql.PreparedStatement ps, int index, Long value) throws SQLException {
		if (value == null) {
			ps.setNull(index, java.sql.Types.BIGINT);
		}
		else {
			ps.setLong(index, value);
		}
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : Instant.ofEpochMilli(value);
	}

	private static void setMillis(java.sql.PreparedStatement ps, int index, Instant instant) throws java.sql.SQLException {
		if (instant == null) {
			ps.setNull(index, java.sql.Types.BIGINT);
		}
		else {
			ps.setLong(index, instant.toEpochMilli());
		}
	}

	private static Long millis(Instant instant) {
		return instant == null ? null : instant.toEpochMilli();
	}

	private static String ids(List<String> ids) {
		return ids.isEmpty() ? null : String.join(" ", ids);
	}

	private static List<String> parseIds(String ids) {
		return ids == null || ids.isEmpty() ? List.of() : Arrays.asList(ids.split(" "));
	}

	private static String truncate(String reason) {
		return reason == null || reason.length() <= 1000 ? reason : reason.substring(0, 997) + "...";
	}
}
