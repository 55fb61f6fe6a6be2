package org.optinel.campaigns.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.optinel.campaigns.AskClass;
import org.optinel.campaigns.Campaign;
import org.optinel.campaigns.CampaignDefinition;
import org.optinel.campaigns.CampaignState;
import org.optinel.campaigns.CampaignStore;
import org.optinel.campaigns.RecipientState;
import org.optinel.core.Channel;
import org.optinel.core.TenantId;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Campaigns in SQL; the definition is kept as JSON. */
@Repository
class JdbcCampaigns implements CampaignStore {

	/** A recipient's columns, as they are read. */
	private static final String RECIPIENT = "r.tenant_id, r.campaign_id, r.contact_id, r.ask_class, r.channel, "
			+ "r.phone_hash, r.email_hash, r.token, r.state, r.messaged_at, r.answered_at, r.answer";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final JsonMapper json;

	JdbcCampaigns(JdbcClient jdbc, JdbcTemplate template, JsonMapper json) {
		this.jdbc = jdbc;
		this.template = template;
		this.json = json;
	}

	@Override
	public void insert(Campaign c) {
		jdbc.sql("INSERT INTO campaign (tenant_id, campaign_id, name, state, definition, deadline, created_at, "
				+ "launched_at, closed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(c.tenant().value(), c.id(), c.definition().name(), c.state().name(),
					json.writeValueAsString(c.definition()), c.definition().deadline().toEpochMilli(),
					c.createdAt().toEpochMilli(), null, null, c.createdAt().toEpochMilli())
			.update();
	}

	@Override
	public Optional<Campaign> find(TenantId tenant, String id) {
		return jdbc.sql("SELECT campaign_id, state, definition, created_at, launched_at, closed_at FROM campaign "
				+ "WHERE tenant_id = ? AND campaign_id = ?")
			.params(tenant.value(), id)
			.query((rs, row) -> campaign(tenant, rs))
			.optional();
	}

	@Override
	public boolean transition(TenantId tenant, String id, Set<CampaignState> from, CampaignState to, Instant at) {
		List<Object> params = new ArrayList<>(List.of(to.name(), at.toEpochMilli()));
		String column = to == CampaignState.RUNNING ? ", launched_at = COALESCE(launched_at, ?)"
				: to == CampaignState.CLOSED ? ", closed_at = ?" : "";
		if (!column.isEmpty()) {
			params.add(at.toEpochMilli());
		}
		params.add(tenant.value());
		params.add(id);
		from.forEach(s -> params.add(s.name()));
		return jdbc.sql("UPDATE campaign SET state = ?, updated_at = ?" + column
				+ " WHERE tenant_id = ? AND campaign_id = ? AND state IN ("
				+ String.join(", ", Collections.nCopies(from.size(), "?")) + ")")
			.params(params)
			.update() == 1;
	}

	@Override
	public Set<String> askedOnceWithoutBasis(TenantId tenant, List<String> contactIds) {
		Set<String> asked = new HashSet<>();
		for (int from = 0; from < contactIds.size(); from += 500) {
			List<String> chunk = contactIds.subList(from, Math.min(contactIds.size(), from + 500));
			asked.addAll(jdbc
				.sql("SELECT DISTINCT contact_id FROM campaign_recipient WHERE tenant_id = :tenant AND contact_id IN "
						+ "(:ids) AND ask_class = :askClass")
				.param("tenant", tenant.value())
				.param("ids", chunk)
				.param("askClass", AskClass.MAY_ASK_ONCE_END_OF_RETENTION.name())
				.query(String.class)
				.list());
		}
		return asked;
	}

	@Override
	public void insertRecipients(List<Recipient> recipients) {
		template.batchUpdate("INSERT INTO campaign_recipient (tenant_id, campaign_id, contact_id, ask_class, channel, "
				+ "phone_hash, email_hash, token, state, messaged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
				+ "ON CONFLICT DO NOTHING", recipients,
				1000, (ps, r) -> {
					ps.setString(1, r.tenant().value());
					ps.setString(2, r.campaignId());
					ps.setString(3, r.contactId());
					ps.setString(4, r.askClass().name());
					ps.setString(5, r.channel());
					ps.setString(6, r.phoneHash());
					ps.setString(7, r.emailHash());
					ps.setString(8, r.token());
					ps.setString(9, r.state());
					ps.setLong(10, r.messagedAt().toEpochMilli());
				});
	}

	@Override
	public Map<String, Long> countRecipients(TenantId tenant, String campaignId) {
		Map<String, Long> counts = new LinkedHashMap<>();
		jdbc.sql("SELECT ask_class, state, COUNT(*) FROM campaign_recipient WHERE tenant_id = ? AND campaign_id = ? "
				+ "GROUP BY ask_class, state ORDER BY ask_class, state")
			.params(tenant.value(), campaignId)
			.query(rs -> {
				counts.put(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3));
			});
		return counts;
	}

	@Override
	public List<Campaign> active(TenantId tenant) {
		return jdbc.sql("SELECT campaign_id, state, definition, created_at, launched_at, closed_at FROM campaign "
				+ "WHERE tenant_id = ? AND state IN ('RUNNING', 'PAUSED') ORDER BY campaign_id")
			.param(tenant.value())
			.query((rs, row) -> campaign(tenant, rs))
			.list();
	}

	@Override
	public Set<String> stepsDone(TenantId tenant, String campaignId) {
		String done = jdbc.sql("SELECT steps_done FROM campaign WHERE tenant_id = ? AND campaign_id = ?")
			.params(tenant.value(), campaignId)
			.query(String.class)
			.optional()
			.orElse("");
		Set<String> steps = new HashSet<>();
		for (String step : done.split(",")) {
			if (!step.isBlank()) {
				steps.add(step);
			}
		}
		return steps;
	}

	@Override
	public void stepDone(TenantId tenant, String campaignId, String step) {
		Set<String> steps = new java.util.TreeSet<>(stepsDone(tenant, campaignId));
		steps.add(step);
		jdbc.sql("UPDATE campaign SET steps_done = ? WHERE tenant_id = ? AND campaign_id = ?")
			.params(String.join(",", steps), tenant.value(), campaignId)
			.update();
	}

	@Override
	public List<Recipient> waiting(TenantId tenant, String campaignId, String channel, Instant before,
			boolean notFollowedUp, String afterContact, int limit) {
		List<Object> params = new ArrayList<>(List.of(tenant.value(), campaignId, before.toEpochMilli(),
				afterContact == null ? "" : afterContact));
		String byChannel = "";
		if (channel != null) {
			byChannel = " AND channel = ?";
			params.add(channel);
		}
		params.add(limit);
		return jdbc.sql("SELECT contact_id, ask_class, channel, phone_hash, email_hash, token, state, messaged_at "
				+ "FROM campaign_recipient WHERE tenant_id = ? AND campaign_id = ? AND state = 'MESSAGED' "
				+ "AND messaged_at < ? AND contact_id > ?" + byChannel + (notFollowedUp ? " AND followed_up = FALSE" : "")
				+ " ORDER BY contact_id LIMIT ?")
			.params(params)
			.query((rs, row) -> new Recipient(tenant, campaignId, rs.getString(1), AskClass.valueOf(rs.getString(2)),
					rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
					Instant.ofEpochMilli(rs.getLong(8))))
			.list();
	}

	@Override
	public void followedUp(TenantId tenant, String campaignId, List<String> contactIds) {
		for (int from = 0; from < contactIds.size(); from += 500) {
			jdbc.sql("UPDATE campaign_recipient SET followed_up = TRUE WHERE tenant_id = :tenant AND campaign_id = "
					+ ":campaign AND contact_id IN (:ids)")
				.param("tenant", tenant.value())
				.param("campaign", campaignId)
				.param("ids", contactIds.subList(from, Math.min(contactIds.size(), from + 500)))
				.update();
		}
	}

	@Override
	public int mark(TenantId tenant, String campaignId, List<String> contactIds, String from, String to, Instant at) {
		int moved = 0;
		for (int i = 0; i < contactIds.size(); i += 500) {
			moved += jdbc
				.sql("UPDATE campaign_recipient SET state = :to, answered_at = COALESCE(answered_at, :at) WHERE "
						+ "tenant_id = :tenant AND campaign_id = :campaign AND state = :from AND contact_id IN (:ids)")
				.param("to", to)
				.param("at", at.toEpochMilli())
				.param("tenant", tenant.value())
				.param("campaign", campaignId)
				.param("from", from)
				.param("ids", contactIds.subList(i, Math.min(contactIds.size(), i + 500)))
				.update();
		}
		return moved;
	}

	@Override
	public void removed(TenantId tenant, String campaignId, List<String> contactIds, Instant at) {
		for (int i = 0; i < contactIds.size(); i += 500) {
			jdbc.sql("UPDATE campaign_recipient SET state = 'REMOVED', phone_hash = NULL, email_hash = NULL, token = NULL "
					+ "WHERE tenant_id = :tenant AND campaign_id = :campaign AND state IN ('NO_ANSWER', 'REMOVED') "
					+ "AND contact_id IN (:ids)")
				.param("tenant", tenant.value())
				.param("campaign", campaignId)
				.param("ids", contactIds.subList(i, Math.min(contactIds.size(), i + 500)))
				.update();
		}
	}

	@Override
	public long countOfContacts(TenantId tenant, List<String> contactIds) {
		long n = 0;
		for (int i = 0; i < contactIds.size(); i += 500) {
			n += jdbc.sql("SELECT COUNT(*) FROM campaign_recipient WHERE tenant_id = :tenant AND contact_id IN (:ids)")
				.param("tenant", tenant.value())
				.param("ids", contactIds.subList(i, Math.min(contactIds.size(), i + 500)))
				.query(Long.class)
				.single();
		}
		return n;
	}

	@Override
	public void forget(TenantId tenant, String contactId) {
		jdbc.sql("UPDATE campaign_recipient SET phone_hash = NULL, email_hash = NULL, token = NULL, state = CASE WHEN "
				+ "state IN ('MESSAGED', 'NO_ANSWER') THEN 'REMOVED' ELSE state END WHERE tenant_id = ? AND contact_id = ?")
			.params(tenant.value(), contactId)
			.update();
	}

	@Override
	public List<String> contactsIn(TenantId tenant, String campaignId, String state) {
		return jdbc.sql("SELECT contact_id FROM campaign_recipient WHERE tenant_id = ? AND campaign_id = ? AND state = ? "
				+ "ORDER BY contact_id")
			.params(tenant.value(), campaignId, state)
			.query(String.class)
			.list();
	}

	@Override
	public List<DayCount> answersByDay(TenantId tenant, String campaignId) {
		// Whole days since the epoch, in UTC: portable arithmetic on the millisecond column.
		return jdbc.sql("SELECT answered_at / 86400000 AS day, state, COUNT(*) FROM campaign_recipient "
				+ "WHERE tenant_id = ? AND campaign_id = ? AND answered_at IS NOT NULL GROUP BY answered_at / 86400000, "
				+ "state ORDER BY 1, 2")
			.params(tenant.value(), campaignId)
			.query((rs, row) -> new DayCount(java.time.LocalDate.ofEpochDay(rs.getLong(1)).toString(), rs.getString(2),
					rs.getLong(3)))
			.list();
	}

	@Override
	public Optional<Recipient> findByToken(String token) {
		// The token's unique index leads with tenant_id: the IN list lets both databases probe it once
		// per tenant that has campaigns, rather than read every recipient of every tenant.
		return jdbc.sql("SELECT " + RECIPIENT + " FROM campaign_recipient r WHERE r.tenant_id IN "
				+ "(SELECT DISTINCT tenant_id FROM campaign) AND r.token = ?")
			.param(token)
			.query((rs, row) -> recipient(rs))
			.optional();
	}

	@Override
	public Optional<Recipient> answeringBySms(TenantId tenant, String contactId, Instant at) {
		// The contact's recipients come in launch order: the last is of the most recent campaign.
		List<Recipient> answering = answeringByContact(tenant, contactId, at);
		return answering.isEmpty() ? Optional.empty() : Optional.of(answering.get(answering.size() - 1));
	}

	@Override
	public List<Recipient> answeringByContact(TenantId tenant, String contactId, Instant at) {
		List<String> answering = RecipientState.answering().stream().map(Enum::name).sorted().toList();
		List<Object> params = new ArrayList<>(List.of(tenant.value(), contactId));
		params.addAll(answering);
		params.add(CampaignState.RUNNING.name());
		params.add(CampaignState.PAUSED.name());
		params.add(at.toEpochMilli());
		return jdbc.sql("SELECT " + RECIPIENT + " FROM campaign_recipient r JOIN campaign c ON c.tenant_id = r.tenant_id "
				+ "AND c.campaign_id = r.campaign_id WHERE r.tenant_id = ? AND r.contact_id = ? AND r.state IN ("
				+ marks(answering.size()) + ") AND c.state IN (?, ?) AND c.deadline > ? ORDER BY c.launched_at, "
				+ "c.campaign_id")
			.params(params)
			.query((rs, row) -> recipient(rs))
			.list();
	}

	@Override
	public Optional<Recipient> lock(TenantId tenant, String campaignId, String contactId) {
		// A write to the row holds it until the transaction ends, on PostgreSQL as on SQLite.
		jdbc.sql("UPDATE campaign_recipient SET state = state WHERE tenant_id = ? AND campaign_id = ? AND contact_id = ?")
			.params(tenant.value(), campaignId, contactId)
			.update();
		return jdbc.sql("SELECT " + RECIPIENT + " FROM campaign_recipient r WHERE r.tenant_id = ? AND r.campaign_id = ? "
				+ "AND r.contact_id = ?")
			.params(tenant.value(), campaignId, contactId)
			.query((rs, row) -> recipient(rs))
			.optional();
	}

	@Override
	public void answered(TenantId tenant, String campaignId, String contactId, RecipientState state, Instant at,
			String answer) {
		jdbc.sql("UPDATE campaign_recipient SET state = ?, answered_at = ?, answer = ? WHERE tenant_id = ? "
				+ "AND campaign_id = ? AND contact_id = ?")
			.params(state.name(), at.toEpochMilli(), clip(answer), tenant.value(), campaignId, contactId)
			.update();
	}

	@Override
	public int optedOut(TenantId tenant, String identifierHash, Collection<String> phoneHolders,
			Channel scopeOrNullForAll, Instant at, String answer) {
		int changed = 0;
		if ((scopeOrNullForAll == null || scopeOrNullForAll == Channel.SMS) && !phoneHolders.isEmpty()) {
			// By contact: no index leads with the phone hash (V16), a launch's costliest entry to write.
			changed += optedOut(tenant, "contact_id IN (:holders)", Channel.SMS, Map.of("holders", phoneHolders), at,
					answer);
		}
		if (scopeOrNullForAll == null || scopeOrNullForAll == Channel.EMAIL) {
			changed += optedOut(tenant, "email_hash = :hash", Channel.EMAIL, Map.of("hash", identifierHash), at, answer);
		}
		return changed;
	}

	private int optedOut(TenantId tenant, String match, Channel channel, Map<String, ?> matchParams, Instant at,
			String answer) {
		// The channel is written out, not bound: the email hash index holds only the recipients asked by
		// email (V15), and a partial index serves a query that names its condition.
		return jdbc.sql("UPDATE campaign_recipient SET state = :optedOut, answered_at = :at, answer = :answer "
				+ "WHERE tenant_id = :tenant AND " + match + " AND channel = '" + channel.name() + "' AND state IN "
				+ "(:answering) AND EXISTS (SELECT 1 FROM campaign c WHERE c.tenant_id = campaign_recipient.tenant_id "
				+ "AND c.campaign_id = campaign_recipient.campaign_id AND c.state IN (:open))")
			.params(matchParams)
			.param("optedOut", RecipientState.OPTED_OUT.name())
			.param("at", at.toEpochMilli())
			.param("answer", clip(answer))
			.param("tenant", tenant.value())
			.param("answering", RecipientState.answering().stream().map(Enum::name).toList())
			.param("open", List.of(CampaignState.RUNNING.name(), CampaignState.PAUSED.name()))
			.update();
	}

	private static Recipient recipient(ResultSet rs) throws SQLException {
		return new Recipient(new TenantId(rs.getString("tenant_id")), rs.getString("campaign_id"),
				rs.getString("contact_id"), AskClass.valueOf(rs.getString("ask_class")), rs.getString("channel"),
				rs.getString("phone_hash"), rs.getString("email_hash"), rs.getString("token"), rs.getString("state"),
				instant(rs, "messaged_at"), instant(rs, "answered_at"), rs.getString("answer"));
	}

	private static String marks(int n) {
		return String.join(", ", Collections.nCopies(n, "?"));
	}

	/** The answer column holds 200 characters. */
	private static String clip(String answer) {
		return answer == null || answer.length() <= 200 ? answer : answer.substring(0, 200);
	}

	private Campaign campaign(TenantId tenant, ResultSet rs) throws SQLException {
		return new Campaign(tenant, rs.getString("campaign_id"),
				json.readValue(rs.getString("definition"), CampaignDefinition.class),
				CampaignState.valueOf(rs.getString("state")), instant(rs, "created_at"), instant(rs, "launched_at"),
				instant(rs, "closed_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : Instant.ofEpochMilli(value);
	}
}
