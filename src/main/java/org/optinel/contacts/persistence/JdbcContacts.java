package org.optinel.contacts.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.optinel.contacts.Activity;
import org.optinel.contacts.ActivityFacts;
import org.optinel.contacts.ActivityType;
import org.optinel.contacts.Contact;
import org.optinel.contacts.ContactId;
import org.optinel.contacts.ContactQuery;
import org.optinel.contacts.Contacts;
import org.optinel.contacts.DormantContact;
import org.optinel.contacts.Lifecycle;
import org.optinel.core.Channel;
import org.optinel.core.EmailAddress;
import org.optinel.core.PhoneNumber;
import org.optinel.core.TenantId;
import org.optinel.tenancy.IdentifierHashing;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Contacts and activities in SQL, the same statements on SQLite and PostgreSQL. */
@Repository
class JdbcContacts implements Contacts {

	static final String COLUMNS = "tenant_id, contact_id, external_ref, email, email_key, phone, first_name, last_name, "
			+ "locale, country, professional, collected_in_sale, opt_out_offered, import_id, created_at, updated_at, "
			+ "phone_hash, email_hash";

	/** Contacts whose hashes are filled per statement of the start-up backfill. */
	private static final int BACKFILL_BATCH = 5_000;

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final IdentifierHashing hashing;

	JdbcContacts(JdbcClient jdbc, JdbcTemplate template, IdentifierHashing hashing) {
		this.jdbc = jdbc;
		this.template = template;
		this.hashing = hashing;
	}

	@Override
	public Optional<Contact> find(TenantId tenant, ContactId id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM contact WHERE tenant_id = ? AND contact_id = ?")
			.params(tenant.value(), id.value())
			.query(JdbcContacts::contact)
			.optional();
	}

	@Override
	public Matches match(TenantId tenant, String phone, String emailKey, String externalRef) {
		return new Matches(idWhere(tenant, "phone", phone), idWhere(tenant, "email_key", emailKey),
				idWhere(tenant, "external_ref", externalRef));
	}

	private ContactId idWhere(TenantId tenant, String column, String value) {
		if (value == null) {
			return null;
		}
		return jdbc.sql("SELECT contact_id FROM contact WHERE tenant_id = ? AND " + column + " = ?")
			.params(tenant.value(), value)
			.query((rs, n) -> new ContactId(rs.getString(1)))
			.optional()
			.orElse(null);
	}

	@Override
	public void insert(Contact c) {
		jdbc.sql("INSERT INTO contact (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(c.tenant().value(), c.id().value(), c.externalRef(), c.email() == null ? null : c.email().value(),
					c.email() == null ? null : c.email().key(), c.phone() == null ? null : c.phone().e164(),
					c.firstName(), c.lastName(), c.locale(), c.country(), c.professional(), c.collectedInSale(),
					c.optOutOffered(), c.importId(), c.createdAt().toEpochMilli(), c.updatedAt().toEpochMilli(),
					phoneHash(c), emailHash(c))
			.update();
	}

	@Override
	public void update(Contact c) {
		jdbc.sql("""
				UPDATE contact SET external_ref = ?, email = ?, email_key = ?, phone = ?, first_name = ?, last_name = ?,
				       locale = ?, country = ?, professional = ?, collected_in_sale = ?, opt_out_offered = ?, updated_at = ?,
				       phone_hash = ?, email_hash = ?
				 WHERE tenant_id = ? AND contact_id = ?""")
			.params(c.externalRef(), c.email() == null ? null : c.email().value(),
					c.email() == null ? null : c.email().key(), c.phone() == null ? null : c.phone().e164(),
					c.firstName(), c.lastName(), c.locale(), c.country(), c.professional(), c.collectedInSale(),
					c.optOutOffered(), c.updatedAt().toEpochMilli(), phoneHash(c), emailHash(c), c.tenant().value(),
					c.id().value())
			.update();
	}

	private String phoneHash(Contact c) {
		return c.phone() == null ? null : hashing.phone(c.tenant(), c.phone());
	}

	private String emailHash(Contact c) {
		return c.email() == null ? null : hashing.email(c.tenant(), c.email());
	}

	/**
	 * Reads the suppression list's table (owned by the suppression module, which may not know
	 * contacts) by the contacts' keyed hashes: a channel is suppressed for a contact when an active
	 * entry of its phone's or its email's hash covers that channel or all channels.
	 */
	@Override
	public Set<ContactId> existing(TenantId tenant, Collection<ContactId> ids) {
		Set<ContactId> existing = new HashSet<>();
		List<String> all = ids.stream().map(ContactId::value).distinct().toList();
		for (int from = 0; from < all.size(); from += 500) {
			jdbc.sql("SELECT contact_id FROM contact WHERE tenant_id = :tenant AND contact_id IN (:ids)")
				.param("tenant", tenant.value())
				.param("ids", all.subList(from, Math.min(all.size(), from + 500)))
				.query(rs -> {
					existing.add(new ContactId(rs.getString(1)));
				});
		}
		return existing;
	}

	@Override
	public Map<ContactId, Set<Channel>> suppressedChannels(TenantId tenant, Collection<ContactId> ids) {
		Map<ContactId, Set<Channel>> suppressed = new HashMap<>();
		List<String> all = ids.stream().map(ContactId::value).distinct().toList();
		for (int from = 0; from < all.size(); from += 500) {
			jdbc.sql("""
					SELECT c.contact_id, s.channel
					  FROM contact c
					  JOIN suppression s ON s.tenant_id = c.tenant_id AND s.identifier_hash IN (c.phone_hash, c.email_hash)
					 WHERE c.tenant_id = :tenant AND c.contact_id IN (:ids) AND s.lifted_at IS NULL""")
				.param("tenant", tenant.value())
				.param("ids", all.subList(from, Math.min(all.size(), from + 500)))
				.query(rs -> {
					Set<Channel> channels = suppressed.computeIfAbsent(new ContactId(rs.getString(1)),
							id -> EnumSet.noneOf(Channel.class));
					String channel = rs.getString(2);
					if ("ALL".equals(channel)) {
						channels.addAll(EnumSet.allOf(Channel.class));
					}
					else {
						channels.add(Channel.valueOf(channel));
					}
				});
		}
		return suppressed;
	}

	@Override
	public List<Contact> findAll(TenantId tenant, Collection<ContactId> ids) {
		List<Contact> found = new ArrayList<>();
		for (List<String> chunk : chunks(ids)) {
			found.addAll(jdbc.sql("SELECT " + COLUMNS + " FROM contact WHERE tenant_id = :tenant AND contact_id IN (:ids)"
					+ " ORDER BY contact_id")
				.param("tenant", tenant.value())
				.param("ids", chunk)
				.query(JdbcContacts::contact)
				.list());
		}
		return found;
	}

	@Override
	public List<Activity> activities(TenantId tenant, ContactId id) {
		return jdbc.sql("SELECT type, occurred_at, recorded_at, import_id FROM activity WHERE tenant_id = ? AND contact_id = ?"
				+ " ORDER BY occurred_at, type")
			.params(tenant.value(), id.value())
			.query((rs, n) -> new Activity(ActivityType.valueOf(rs.getString("type")),
					Instant.ofEpochMilli(rs.getLong("occurred_at")), Instant.ofEpochMilli(rs.getLong("recorded_at")),
					rs.getString("import_id")))
			.list();
	}

	@Override
	public long countActivities(TenantId tenant, Collection<ContactId> ids) {
		long count = 0;
		for (List<String> chunk : chunks(ids)) {
			count += jdbc.sql("SELECT count(*) FROM activity WHERE tenant_id = :tenant AND contact_id IN (:ids)")
				.param("tenant", tenant.value())
				.param("ids", chunk)
				.query(Long.class)
				.single();
		}
		return count;
	}

	@Override
	public int delete(TenantId tenant, Collection<ContactId> ids) {
		int deleted = 0;
		for (List<String> chunk : chunks(ids)) {
			// Activities first: SQLite enforces the cascade only with foreign_keys on, which a connection may lack.
			jdbc.sql("DELETE FROM activity WHERE tenant_id = :tenant AND contact_id IN (:ids)")
				.param("tenant", tenant.value())
				.param("ids", chunk)
				.update();
			deleted += jdbc.sql("DELETE FROM contact WHERE tenant_id = :tenant AND contact_id IN (:ids)")
				.param("tenant", tenant.value())
				.param("ids", chunk)
				.update();
		}
		return deleted;
	}

	@Override
	public List<DormantContact> dormant(TenantId tenant, Set<String> clientTypes, Instant prospectCutoff,
			Instant clientCutoff) {
		List<DormantContact> dormant = new ArrayList<>();
		jdbc.sql("""
				SELECT c.contact_id, c.created_at,
				       max(CASE WHEN a.type IN (:types) THEN a.occurred_at END) AS last_client,
				       max(a.occurred_at) AS last_inbound
				  FROM contact c
				  LEFT JOIN activity a ON a.tenant_id = c.tenant_id AND a.contact_id = c.contact_id
				 WHERE c.tenant_id = :tenant
				 GROUP BY c.contact_id, c.created_at
				HAVING (max(CASE WHEN a.type IN (:types) THEN a.occurred_at END) IS NULL AND c.created_at < :prospect
				        AND (max(a.occurred_at) IS NULL OR max(a.occurred_at) < :prospect))
				    OR max(CASE WHEN a.type IN (:types) THEN a.occurred_at END) < :client
				 ORDER BY c.contact_id""")
			.param("types", List.copyOf(clientTypes))
			.param("tenant", tenant.value())
			.param("prospect", prospectCutoff.toEpochMilli())
			.param("client", clientCutoff.toEpochMilli())
			.query(rs -> {
				Instant lastClient = instant(rs, "last_client");
				dormant.add(new DormantContact(new ContactId(rs.getString("contact_id")),
						lastClient == null ? Lifecycle.PROSPECT : Lifecycle.EX_CLIENT,
						Instant.ofEpochMilli(rs.getLong("created_at")), instant(rs, "last_inbound"), lastClient));
			});
		return dormant;
	}

	private static List<List<String>> chunks(Collection<ContactId> ids) {
		List<String> all = ids.stream().map(ContactId::value).distinct().toList();
		List<List<String>> chunks = new ArrayList<>();
		for (int from = 0; from < all.size(); from += 500) {
			chunks.add(all.subList(from, Math.min(all.size(), from + 500)));
		}
		return chunks;
	}

	@Override
	public int fillMissingHashes() {
		{
			List<String[]> rows = jdbc.sql("""
					SELECT tenant_id, contact_id, phone, email_key FROM contact
					 WHERE (phone IS NOT NULL AND phone_hash IS NULL) OR (email_key IS NOT NULL AND email_hash IS NULL)
					 LIMIT ?""")
				.param(BACKFILL_BATCH)
				.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4) })
				.list();
			if (rows.isEmpty()) {
				return 0;
			}
			Map<String, IdentifierHashing.Hasher> hashers = new HashMap<>();
			List<Object[]> updates = new ArrayList<>(rows.size());
			for (String[] row : rows) {
				IdentifierHashing.Hasher hasher = hashers.computeIfAbsent(row[0], t -> hashing.hasher(TenantId.of(t)));
				updates.add(new Object[] { row[2] == null ? null : hasher.phone(row[2]),
						row[3] == null ? null : hasher.emailKey(row[3]), row[0], row[1] });
			}
			template.batchUpdate("UPDATE contact SET phone_hash = ?, email_hash = ? WHERE tenant_id = ? AND contact_id = ?",
					updates);
			return rows.size();
		}
	}

	@Override
	public List<Contact> list(TenantId tenant, ContactQuery q, Set<String> clientTypes, Instant clientWindowStart,
			String phone) {
		StringBuilder sql = new StringBuilder("SELECT " + prefixed("c") + " FROM contact c WHERE c.tenant_id = :tenant");
		Map<String, Object> params = new HashMap<>();
		params.put("tenant", tenant.value());
		if (q.after() != null) {
			sql.append(" AND c.contact_id > :after");
			params.put("after", q.after().value());
		}
		if (q.hasPhone() != null) {
			sql.append(q.hasPhone() ? " AND c.phone IS NOT NULL" : " AND c.phone IS NULL");
		}
		if (q.hasEmail() != null) {
			sql.append(q.hasEmail() ? " AND c.email_key IS NOT NULL" : " AND c.email_key IS NULL");
		}
		if (phone != null) {
			sql.append(" AND c.phone = :phone");
			params.put("phone", phone);
		}
		else if (q.text() != null && !q.text().isBlank()) {
			sql.append(" AND (lower(c.first_name) LIKE :text ESCAPE '\\' OR lower(c.last_name) LIKE :text ESCAPE '\\'"
					+ " OR c.email_key LIKE :text ESCAPE '\\' OR c.phone LIKE :text ESCAPE '\\')");
			params.put("text", "%" + escapeLike(q.text().strip().toLowerCase(java.util.Locale.ROOT)) + "%");
		}
		if (q.lifecycle() != null) {
			String anyClient = "EXISTS (SELECT 1 FROM activity a WHERE a.tenant_id = c.tenant_id"
					+ " AND a.contact_id = c.contact_id AND a.type IN (:types))";
			String recentClient = "EXISTS (SELECT 1 FROM activity a WHERE a.tenant_id = c.tenant_id"
					+ " AND a.contact_id = c.contact_id AND a.type IN (:types) AND a.occurred_at >= :windowStart)";
			params.put("types", List.copyOf(clientTypes));
			params.put("windowStart", clientWindowStart.toEpochMilli());
			if (q.lifecycle() == Lifecycle.PROSPECT) {
				sql.append(" AND NOT ").append(anyClient);
			}
			else if (q.lifecycle() == Lifecycle.CLIENT) {
				sql.append(" AND ").append(recentClient);
			}
			else {
				sql.append(" AND ").append(anyClient).append(" AND NOT ").append(recentClient);
			}
		}
		sql.append(" ORDER BY c.contact_id LIMIT :limit");
		params.put("limit", q.limit() + 1);
		return jdbc.sql(sql.toString()).params(params).query(JdbcContacts::contact).list();
	}

	@Override
	public ActivityFacts facts(TenantId tenant, ContactId id, Set<String> clientTypes) {
		return facts(tenant, List.of(id), clientTypes).getOrDefault(id, ActivityFacts.NONE);
	}

	@Override
	public Map<ContactId, ActivityFacts> facts(TenantId tenant, Collection<ContactId> ids, Set<String> clientTypes) {
		Map<ContactId, ActivityFacts> facts = new HashMap<>();
		if (ids.isEmpty()) {
			return facts;
		}
		jdbc.sql("""
				SELECT contact_id,
				       max(CASE WHEN type IN (:types) THEN occurred_at END) AS last_client,
				       max(CASE WHEN type = 'PURCHASE' THEN occurred_at END) AS last_purchase,
				       max(occurred_at) AS last_inbound
				  FROM activity
				 WHERE tenant_id = :tenant AND contact_id IN (:ids)
				 GROUP BY contact_id""")
			.param("types", List.copyOf(clientTypes))
			.param("tenant", tenant.value())
			.param("ids", ids.stream().map(ContactId::value).toList())
			.query(rs -> {
				facts.put(new ContactId(rs.getString("contact_id")), new ActivityFacts(instant(rs, "last_client"),
						instant(rs, "last_purchase"), instant(rs, "last_inbound")));
			});
		return facts;
	}

	@Override
	public boolean addActivity(TenantId tenant, ContactId contact, ActivityType type, Instant occurredAt,
			Instant recordedAt, String importId) {
		return jdbc.sql("""
				INSERT INTO activity (tenant_id, contact_id, type, occurred_at, recorded_at, import_id)
				VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
			.params(tenant.value(), contact.value(), type.name(), occurredAt.toEpochMilli(), recordedAt.toEpochMilli(),
					importId)
			.update() == 1;
	}

	private static String prefixed(String alias) {
		return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
	}

	private static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		long millis = rs.getLong(column);
		return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
	}

	static Contact contact(ResultSet rs, int row) throws SQLException {
		String email = rs.getString("email");
		String phone = rs.getString("phone");
		return new Contact(new ContactId(rs.getString("contact_id")), TenantId.of(rs.getString("tenant_id")),
				rs.getString("external_ref"), email == null ? null : new EmailAddress(email),
				phone == null ? null : new PhoneNumber(phone), rs.getString("first_name"), rs.getString("last_name"),
				rs.getString("locale"), rs.getString("country"), rs.getBoolean("professional"),
				rs.getBoolean("collected_in_sale"), rs.getBoolean("opt_out_offered"), rs.getString("import_id"),
				Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
	}
}
