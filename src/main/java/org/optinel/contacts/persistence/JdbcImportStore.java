package org.optinel.contacts.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import org.optinel.contacts.ImportJob;
import org.optinel.contacts.ImportSource;
import org.optinel.contacts.importing.ImportRow;
import org.optinel.contacts.importing.ImportStore;
import org.optinel.contacts.importing.RowError;
import org.optinel.core.Database;
import org.optinel.core.Ids;
import org.optinel.core.SqliteTransactions;
import org.optinel.core.TenantId;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The import's SQL. New contacts go in as one batch of {@code INSERT ... ON CONFLICT DO NOTHING};
 * only the rows the database turns away (an identifier already taken) are looked up and merged one
 * by one. A first import into an empty base is thus a pure batched insert, and a re-import is a
 * series of no-op updates.
 */
@Repository
class JdbcImportStore implements ImportStore {

	/** Rows per multi-row INSERT: 18 parameters each stays well under SQLite's and PostgreSQL's limits. */
	private static final int ROWS_PER_STATEMENT = 500;

	private static final String CONTACT_INSERT_HEAD = "INSERT INTO contact (" + JdbcContacts.COLUMNS + ") VALUES ";

	private static final String ACTIVITY_INSERT_HEAD = "INSERT INTO activity (tenant_id, contact_id, type, occurred_at, "
			+ "recorded_at, import_id) VALUES ";

	/** Sets the fields the row has, keeps the others, and touches nothing when nothing changes. */
	private static final String MERGE_CONTACT = """
			UPDATE contact SET external_ref = COALESCE(:ref, external_ref), email = COALESCE(:email, email),
			       email_key = COALESCE(:emailKey, email_key), phone = COALESCE(:phone, phone),
			       first_name = COALESCE(:firstName, first_name), last_name = COALESCE(:lastName, last_name),
			       locale = COALESCE(:locale, locale), country = COALESCE(:country, country),
			       professional = COALESCE(:professional, professional),
			       collected_in_sale = COALESCE(:collectedInSale, collected_in_sale),
			       opt_out_offered = COALESCE(:optOutOffered, opt_out_offered), updated_at = :now,
			       phone_hash = COALESCE(:phoneHash, phone_hash), email_hash = COALESCE(:emailHash, email_hash)
			 WHERE tenant_id = :tenant AND contact_id = :id
			   AND (COALESCE(:ref, external_ref) IS DISTINCT FROM external_ref
			     OR COALESCE(:email, email) IS DISTINCT FROM email
			     OR COALESCE(:phone, phone) IS DISTINCT FROM phone
			     OR COALESCE(:firstName, first_name) IS DISTINCT FROM first_name
			     OR COALESCE(:lastName, last_name) IS DISTINCT FROM last_name
			     OR COALESCE(:locale, locale) IS DISTINCT FROM locale
			     OR COALESCE(:country, country) IS DISTINCT FROM country
			     OR COALESCE(:professional, professional) IS DISTINCT FROM professional
			     OR COALESCE(:collectedInSale, collected_in_sale) IS DISTINCT FROM collected_in_sale
			     OR COALESCE(:optOutOffered, opt_out_offered) IS DISTINCT FROM opt_out_offered)""";

	private static final String JOB_COLUMNS = "import_id, kind, file_name, origin, file_sha256, status, rows_total, "
			+ "rows_read, rows_accepted, rows_rejected, contacts_created, contacts_updated, contacts_unchanged, "
			+ "activities_added, contacts_suppressed, failure, created_at, started_at, finished_at";

	/**
	 * Of some contacts, how many are on the suppression list: an active entry of their phone's or
	 * email's keyed hash, whatever its channel. Probes the suppression table's primary key.
	 */
	private static final String COUNT_SUPPRESSED = """
			SELECT count(*) FROM contact c
			 WHERE c.tenant_id = :tenant AND c.contact_id IN (:ids)
			   AND EXISTS (SELECT 1 FROM suppression s WHERE s.tenant_id = c.tenant_id
			                  AND s.identifier_hash IN (c.phone_hash, c.email_hash) AND s.lifted_at IS NULL)""";

	private static final Logger log = LoggerFactory.getLogger(JdbcImportStore.class);

	/** Page cache of the import's own SQLite connection: random inserts into the unique indexes need it. */
	private static final int SQLITE_IMPORT_CACHE_KIB = 256 * 1024;

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final Ids ids;

	private final DataSource dataSource;

	private final PlatformTransactionManager transactions;

	private final Database database;

	@Autowired
	JdbcImportStore(DataSource dataSource, PlatformTransactionManager transactions, Ids ids, Database database) {
		this(JdbcClient.create(dataSource), new JdbcTemplate(dataSource), ids, dataSource, transactions, database);
	}

	private JdbcImportStore(JdbcClient jdbc, JdbcTemplate template, Ids ids, DataSource dataSource,
			PlatformTransactionManager transactions, Database database) {
		this.jdbc = jdbc;
		this.template = template;
		this.ids = ids;
		this.dataSource = dataSource;
		this.transactions = transactions;
		this.database = database;
	}

	/**
	 * On SQLite, the import writes through a connection of its own with a large page cache,
	 * {@code synchronous=NORMAL} and no automatic checkpoint: in WAL mode its commits skip the fsync,
	 * and the pages of the random-key unique indexes, touched by every batch, are copied into the
	 * database once at the end instead of after every commit. Only the import's rows can be lost to a
	 * power cut (never to a crash of the process) until the import's final record, written with full
	 * durability through the pool, makes the log durable; running the import again restores them. The
	 * connection gets its settings back before it returns to the pool.
	 */
	@Override
	public Session openSession() {
		if (!database.isSqlite()) {
			// After a bulk load, PostgreSQL's planner needs fresh statistics ("Populating a Database: run
			// ANALYZE afterwards"); autovacuum gets there eventually, the queries right after an import
			// (a campaign's preview over the new contacts took 4-5 s instead of 1 s) should not wait for it.
			return new Session(this, new TransactionTemplate(transactions), () -> {
				try {
					jdbc.sql("ANALYZE contact, activity").update();
				}
				catch (RuntimeException e) {
					log.warn("Could not refresh the planner's statistics after the import", e);
				}
			});
		}
		Connection connection;
		try {
			connection = dataSource.getConnection();
		}
		catch (SQLException e) {
			throw new IllegalStateException("Cannot open a connection for the import", e);
		}
		try {
			pragmas(connection, "PRAGMA synchronous = NORMAL", "PRAGMA cache_size = -" + SQLITE_IMPORT_CACHE_KIB,
					"PRAGMA wal_autocheckpoint = 0");
			// Outside the transaction manager's queue: its transactions take the write lock when they begin.
			SqliteTransactions.beginImmediate(connection, true);
		}
		catch (SQLException e) {
			close(connection);
			throw new IllegalStateException("Cannot prepare the import connection", e);
		}
		SingleConnectionDataSource own = new SingleConnectionDataSource(connection, true);
		JdbcImportStore store = new JdbcImportStore(JdbcClient.create(own), new JdbcTemplate(own), ids, own,
				new DataSourceTransactionManager(own), database);
		return new Session(store, new TransactionTemplate(store.transactions), () -> {
			try {
				pragmas(connection, "PRAGMA wal_checkpoint(PASSIVE)", "PRAGMA wal_autocheckpoint = 1000",
						"PRAGMA synchronous = FULL", "PRAGMA cache_size = -2000", "PRAGMA shrink_memory");
			}
			catch (SQLException e) {
				log.warn("Could not restore the settings of the import connection", e);
			}
			finally {
				try {
					SqliteTransactions.beginImmediate(connection, false);
				}
				catch (SQLException e) {
					log.warn("Could not restore the transaction mode of the import connection", e);
				}
				close(connection);
			}
		});
	}

	private static void close(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException e) {
			log.warn("Could not return the import connection to the pool", e);
		}
	}

	private static void pragmas(Connection connection, String... pragmas) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			for (String pragma : pragmas) {
				statement.execute(pragma);
			}
		}
	}

	@Override
	public void createJob(TenantId tenant, String importId, ImportSource source, String sha256, long rowsTotal,
			Instant now) {
		jdbc.sql("""
				INSERT INTO import_job (tenant_id, import_id, kind, file_name, origin, column_map, file_sha256, status,
				                        rows_total, created_at)
				VALUES (?, ?, 'CONTACTS', ?, ?, ?, ?, 'QUEUED', ?, ?)""")
			.params(tenant.value(), importId, source.fileName(), source.origin(), encode(source.columns()), sha256,
					rowsTotal, now.toEpochMilli())
			.update();
	}

	@Override
	public void markRunning(TenantId tenant, String importId, Instant now) {
		jdbc.sql("UPDATE import_job SET status = 'RUNNING', started_at = ? WHERE tenant_id = ? AND import_id = ?")
			.params(now.toEpochMilli(), tenant.value(), importId)
			.update();
	}

	@Override
	public BatchOutcome write(TenantId tenant, String importId, List<ImportRow> rows, Instant now,
			List<RowError> refused) {
		long millis = now.toEpochMilli();
		String[] contactIds = new String[rows.size()];
		for (int i = 0; i < contactIds.length; i++) {
			contactIds[i] = ids.next();
		}
		Set<String> inserted = insertNew(tenant, importId, rows, contactIds, millis);
		long created = 0;
		long updated = 0;
		long unchanged = 0;
		List<ImportRow> accepted = new ArrayList<>(rows.size());
		List<String> acceptedIds = new ArrayList<>(rows.size());
		List<String> changedIds = new ArrayList<>(rows.size());
		for (int i = 0; i < rows.size(); i++) {
			ImportRow row = rows.get(i);
			if (inserted.contains(contactIds[i])) {
				created++;
				accepted.add(row);
				acceptedIds.add(contactIds[i]);
				changedIds.add(contactIds[i]);
				continue;
			}
			String existing = resolve(tenant, row, refused);
			if (existing == null) {
				continue;
			}
			if (merge(tenant, existing, row, millis)) {
				updated++;
				changedIds.add(existing);
			}
			else {
				unchanged++;
			}
			accepted.add(row);
			acceptedIds.add(existing);
		}
		long activities = addActivities(tenant, importId, accepted, acceptedIds, millis);
		return new BatchOutcome(created, updated, unchanged, activities, countSuppressed(tenant, changedIds));
	}

	/**
	 * How many of these contacts, just written, are on the suppression list: one set-based query per
	 * chunk, and none at all while the tenant's list is empty (the common case of a first import).
	 */
	private long countSuppressed(TenantId tenant, List<String> contactIds) {
		if (contactIds.isEmpty() || jdbc.sql("SELECT 1 FROM suppression WHERE tenant_id = ? AND lifted_at IS NULL LIMIT 1")
			.param(tenant.value())
			.query(Integer.class)
			.optional()
			.isEmpty()) {
			return 0;
		}
		long suppressed = 0;
		for (int from = 0; from < contactIds.size(); from += ROWS_PER_STATEMENT) {
			suppressed += jdbc.sql(COUNT_SUPPRESSED)
				.param("tenant", tenant.value())
				.param("ids", contactIds.subList(from, Math.min(contactIds.size(), from + ROWS_PER_STATEMENT)))
				.query(Long.class)
				.single();
		}
		return suppressed;
	}

	/** The one contact the row's identifiers point to, or {@code null} after refusing the row. */
	private String resolve(TenantId tenant, ImportRow row, List<RowError> refused) {
		Map<String, String> owners = new LinkedHashMap<>();
		owner(tenant, "external_ref", row.externalRef()).ifPresent(id -> owners.put("external reference", id));
		owner(tenant, "phone", row.phone()).ifPresent(id -> owners.put("phone", id));
		owner(tenant, "email_key", row.emailKey()).ifPresent(id -> owners.put("email", id));
		Set<String> distinct = new LinkedHashSet<>(owners.values());
		if (distinct.size() == 1) {
			String id = distinct.iterator().next();
			if (row.externalRef() != null && !owners.containsKey("external reference")) {
				String ref = jdbc.sql("SELECT external_ref FROM contact WHERE tenant_id = ? AND contact_id = ?")
					.params(tenant.value(), id)
					.query(String.class)
					.optional()
					.orElse(null);
				if (ref != null) {
					refused.add(new RowError(row.line(), "", "matches contact " + id + " by "
							+ String.join(" and ", owners.keySet()) + ", but that contact's external reference is '" + ref
							+ "', not '" + row.externalRef() + "'; correct the row or the contact"));
					return null;
				}
			}
			return id;
		}
		if (distinct.isEmpty()) {
			refused.add(new RowError(row.line(), "", "was turned away by the database although no contact holds its "
					+ "identifiers; import it again"));
			return null;
		}
		refused.add(new RowError(row.line(), "", "its identifiers belong to different contacts ("
				+ owners.entrySet().stream().map(e -> e.getKey() + " → " + e.getValue()).collect(Collectors.joining(", "))
				+ "); correct the row or merge those contacts"));
		return null;
	}

	private Optional<String> owner(TenantId tenant, String column, String value) {
		if (value == null) {
			return Optional.empty();
		}
		return jdbc.sql("SELECT contact_id FROM contact WHERE tenant_id = ? AND " + column + " = ?")
			.params(tenant.value(), value)
			.query(String.class)
			.optional();
	}

	/**
	 * Inserts the rows as new contacts and answers the ids that went in: a row whose phone, email or
	 * external reference is already taken is skipped by {@code ON CONFLICT DO NOTHING} and left for
	 * {@link #resolve}. SQLite runs one prepared statement per row in a JDBC batch and counts each;
	 * PostgreSQL gets multi-row statements of {@value #ROWS_PER_STATEMENT} rows whose
	 * {@code RETURNING} names the rows inserted, one round trip each.
	 */
	private Set<String> insertNew(TenantId tenant, String importId, List<ImportRow> rows, String[] contactIds,
			long now) {
		Set<String> inserted = new HashSet<>(rows.size() * 2);
		if (database.isSqlite()) {
			int[] counts = template.batchUpdate(CONTACT_INSERT_HEAD + multiRowValues(18, 1) + " ON CONFLICT DO NOTHING",
					new BatchPreparedStatementSetter() {

						@Override
						public void setValues(PreparedStatement ps, int i) throws SQLException {
							bindContact(ps, 1, tenant, contactIds[i], rows.get(i), importId, now);
						}

						@Override
						public int getBatchSize() {
							return rows.size();
						}
					});
			for (int i = 0; i < counts.length; i++) {
				if (counts[i] == 1) {
					inserted.add(contactIds[i]);
				}
			}
			return inserted;
		}
		inChunks(rows.size(), count -> CONTACT_INSERT_HEAD + multiRowValues(18, count)
				+ " ON CONFLICT DO NOTHING RETURNING contact_id", (ps, from, to) -> {
					for (int i = from; i < to; i++) {
						bindContact(ps, (i - from) * 18 + 1, tenant, contactIds[i], rows.get(i), importId, now);
					}
					try (ResultSet rs = ps.executeQuery()) {
						while (rs.next()) {
							inserted.add(rs.getString(1));
						}
					}
					return 0;
				});
		return inserted;
	}

	private static void bindContact(PreparedStatement ps, int first, TenantId tenant, String contactId, ImportRow row,
			String importId, long now) throws SQLException {
		int p = first;
		ps.setString(p++, tenant.value());
		ps.setString(p++, contactId);
		ps.setString(p++, row.externalRef());
		ps.setString(p++, row.email());
		ps.setString(p++, row.emailKey());
		ps.setString(p++, row.phone());
		ps.setString(p++, row.firstName());
		ps.setString(p++, row.lastName());
		ps.setString(p++, row.locale());
		ps.setString(p++, row.country());
		ps.setBoolean(p++, Boolean.TRUE.equals(row.professional()));
		ps.setBoolean(p++, Boolean.TRUE.equals(row.collectedInSale()));
		ps.setBoolean(p++, Boolean.TRUE.equals(row.optOutOffered()));
		ps.setString(p++, importId);
		ps.setLong(p++, now);
		ps.setLong(p++, now);
		ps.setString(p++, row.phoneHash());
		ps.setString(p, row.emailHash());
	}

	/** Binds and runs one chunk of rows {@code [from, to)}; answers the rows written, if it counts them. */
	@FunctionalInterface
	private interface Chunk {

		int run(PreparedStatement statement, int from, int to) throws SQLException;
	}

	/**
	 * Runs {@code count} rows through multi-row statements of {@value #ROWS_PER_STATEMENT} rows, the
	 * full-size statement prepared once and reused.
	 */
	private long inChunks(int count, IntFunction<String> sql, Chunk chunk) {
		Long total = template.execute((ConnectionCallback<Long>) connection -> {
			long written = 0;
			int full = count / ROWS_PER_STATEMENT * ROWS_PER_STATEMENT;
			if (full > 0) {
				try (PreparedStatement statement = connection.prepareStatement(sql.apply(ROWS_PER_STATEMENT))) {
					for (int from = 0; from < full; from += ROWS_PER_STATEMENT) {
						written += chunk.run(statement, from, from + ROWS_PER_STATEMENT);
					}
				}
			}
			if (full < count) {
				try (PreparedStatement statement = connection.prepareStatement(sql.apply(count - full))) {
					written += chunk.run(statement, full, count);
				}
			}
			return written;
		});
		return total == null ? 0 : total;
	}

	/** {@code (?, ?), (?, ?)} for {@code rows} rows of {@code columns} parameters. */
	private static String multiRowValues(int columns, int rows) {
		String row = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
		return String.join(", ", Collections.nCopies(rows, row));
	}

	private boolean merge(TenantId tenant, String contactId, ImportRow row, long now) {
		return jdbc.sql(MERGE_CONTACT)
			.param("ref", row.externalRef(), Types.VARCHAR)
			.param("email", row.email(), Types.VARCHAR)
			.param("emailKey", row.emailKey(), Types.VARCHAR)
			.param("phone", row.phone(), Types.VARCHAR)
			.param("firstName", row.firstName(), Types.VARCHAR)
			.param("lastName", row.lastName(), Types.VARCHAR)
			.param("locale", row.locale(), Types.VARCHAR)
			.param("country", row.country(), Types.VARCHAR)
			.param("professional", row.professional(), Types.BOOLEAN)
			.param("collectedInSale", row.collectedInSale(), Types.BOOLEAN)
			.param("optOutOffered", row.optOutOffered(), Types.BOOLEAN)
			.param("phoneHash", row.phoneHash(), Types.VARCHAR)
			.param("emailHash", row.emailHash(), Types.VARCHAR)
			.param("now", now)
			.param("tenant", tenant.value())
			.param("id", contactId)
			.update() == 1;
	}

	private long addActivities(TenantId tenant, String importId, List<ImportRow> rows, List<String> contactIds,
			long now) {
		List<ContactAct> acts = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			for (ImportRow.Act act : rows.get(i).acts()) {
				acts.add(new ContactAct(contactIds.get(i), act));
			}
		}
		if (acts.isEmpty()) {
			return 0;
		}
		if (database.isSqlite()) {
			int[] counts = template.batchUpdate(ACTIVITY_INSERT_HEAD + multiRowValues(6, 1) + " ON CONFLICT DO NOTHING",
					new BatchPreparedStatementSetter() {

						@Override
						public void setValues(PreparedStatement ps, int i) throws SQLException {
							bindActivity(ps, 1, tenant, acts.get(i), importId, now);
						}

						@Override
						public int getBatchSize() {
							return acts.size();
						}
					});
			return java.util.Arrays.stream(counts).filter(n -> n == 1).count();
		}
		return inChunks(acts.size(), count -> ACTIVITY_INSERT_HEAD + multiRowValues(6, count) + " ON CONFLICT DO NOTHING",
				(ps, from, to) -> {
					for (int i = from; i < to; i++) {
						bindActivity(ps, (i - from) * 6 + 1, tenant, acts.get(i), importId, now);
					}
					return ps.executeUpdate();
				});
	}

	/** An activity of an import row and the contact it belongs to. */
	private record ContactAct(String contactId, ImportRow.Act act) {
	}

	private static void bindActivity(PreparedStatement ps, int first, TenantId tenant, ContactAct act, String importId,
			long now) throws SQLException {
		ps.setString(first, tenant.value());
		ps.setString(first + 1, act.contactId());
		ps.setString(first + 2, act.act().type().name());
		ps.setLong(first + 3, act.act().at());
		ps.setLong(first + 4, now);
		ps.setString(first + 5, importId);
	}

	@Override
	public void recordErrors(TenantId tenant, String importId, List<RowError> errors, int room) {
		List<RowError> kept = errors.subList(0, Math.min(errors.size(), Math.max(room, 0)));
		if (kept.isEmpty()) {
			return;
		}
		template.batchUpdate("INSERT INTO import_error (tenant_id, import_id, line, column_name, reason) "
				+ "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", new BatchPreparedStatementSetter() {

					@Override
					public void setValues(PreparedStatement ps, int i) throws SQLException {
						RowError error = kept.get(i);
						ps.setString(1, tenant.value());
						ps.setString(2, importId);
						ps.setLong(3, error.line());
						ps.setString(4, truncate(error.column(), 100));
						ps.setString(5, truncate(error.reason(), 1000));
					}

					@Override
					public int getBatchSize() {
						return kept.size();
					}
				});
	}

	@Override
	public void progress(TenantId tenant, String importId, Counts c) {
		jdbc.sql("""
				UPDATE import_job SET rows_read = ?, rows_accepted = ?, rows_rejected = ?, contacts_created = ?,
				       contacts_updated = ?, contacts_unchanged = ?, activities_added = ?, contacts_suppressed = ?
				 WHERE tenant_id = ? AND import_id = ?""")
			.params(c.rowsRead(), c.accepted(), c.rejected(), c.created(), c.updated(), c.unchanged(),
					c.activitiesAdded(), c.suppressed(), tenant.value(), importId)
			.update();
	}

	@Override
	public void finish(TenantId tenant, String importId, ImportJob.Status status, Counts c, String failure, Instant now) {
		progress(tenant, importId, c);
		jdbc.sql("UPDATE import_job SET status = ?, failure = ?, finished_at = ? WHERE tenant_id = ? AND import_id = ?")
			.params(status.name(), failure == null ? null : truncate(failure, 1000), now.toEpochMilli(), tenant.value(),
					importId)
			.update();
	}

	@Override
	public Optional<ImportJob> find(TenantId tenant, String importId) {
		return jdbc.sql("SELECT " + JOB_COLUMNS + " FROM import_job WHERE tenant_id = ? AND import_id = ?")
			.params(tenant.value(), importId)
			.query(JdbcImportStore::job)
			.optional();
	}

	@Override
	public void errors(TenantId tenant, String importId, Consumer<RowError> sink) {
		jdbc.sql("SELECT line, column_name, reason FROM import_error WHERE tenant_id = ? AND import_id = ? "
				+ "ORDER BY line, column_name")
			.params(tenant.value(), importId)
			.query(rs -> {
				sink.accept(new RowError(rs.getLong(1), rs.getString(2), rs.getString(3)));
			});
	}

	@Override
	public List<Unfinished> unfinished() {
		return jdbc.sql("SELECT tenant_id, import_id, file_name, origin, column_map FROM import_job "
				+ "WHERE status IN ('QUEUED', 'RUNNING') ORDER BY created_at")
			.query((rs, n) -> new Unfinished(TenantId.of(rs.getString(1)), rs.getString(2),
					new ImportSource(rs.getString(3), rs.getString(4), decode(rs.getString(5)))))
			.list();
	}

	private static ImportJob job(ResultSet rs, int row) throws SQLException {
		return new ImportJob(rs.getString("import_id"), rs.getString("kind"), rs.getString("file_name"),
				rs.getString("origin"), rs.getString("file_sha256"), ImportJob.Status.valueOf(rs.getString("status")),
				rs.getLong("rows_total"), rs.getLong("rows_read"), rs.getLong("rows_accepted"),
				rs.getLong("rows_rejected"), rs.getLong("contacts_created"), rs.getLong("contacts_updated"),
				rs.getLong("contacts_unchanged"), rs.getLong("activities_added"), rs.getLong("contacts_suppressed"),
				rs.getString("failure"),
				instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "finished_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		long millis = rs.getLong(column);
		return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
	}

	/** {@code field=header} pairs, one per line: headers may hold any other character. */
	private static String encode(Map<String, String> columns) {
		return columns.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
	}

	private static Map<String, String> decode(String text) {
		Map<String, String> columns = new LinkedHashMap<>();
		if (text != null) {
			for (String line : text.split("\n")) {
				int eq = line.indexOf('=');
				if (eq > 0) {
					columns.put(line.substring(0, eq), line.substring(eq + 1));
				}
			}
		}
		return columns;
	}

	private static String truncate(String text, int length) {
		return text.length() <= length ? text : text.substring(0, length - 1) + "…";
	}
}
