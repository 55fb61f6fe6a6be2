package org.optinel.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.optinel.core.EmailAddress;
import org.optinel.core.Ids;
import org.optinel.core.PhoneNumbers;

/**
 * The limit an import is measured against: the same contacts and purchases, already normalised
 * and given their ids, written with plain JDBC batches and nothing else (no lookups, no checks, no
 * error report). An importer does all of this plus reading and normalising the file.
 *
 * <p>The statements write the same columns of the same tables as the importer, so the database
 * maintains the same indexes and checks the same foreign keys.
 */
final class BareInsert {

	static final String INSERT_CONTACT = "INSERT INTO contact (tenant_id, contact_id, external_ref, email, email_key, "
			+ "phone, first_name, last_name, locale, country, professional, collected_in_sale, opt_out_offered, "
			+ "import_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	static final String INSERT_ACTIVITY = "INSERT INTO activity (tenant_id, contact_id, type, occurred_at, recorded_at, "
			+ "import_id) VALUES (?, ?, 'PURCHASE', ?, ?, ?)";

	/** Statements sent to the driver at once; the transaction is larger (see {@link #insert}). */
	private static final int JDBC_BATCH = 1_000;

	/** One contact as it would be stored: E.164 phone, email and its key, purchases as epoch millis. */
	record Row(String contactId, String externalRef, String email, String emailKey, String phone, String firstName,
			String lastName, long[] purchases) {
	}

	private BareInsert() {
	}

	/**
	 * Reads and normalises {@code csv} as written by {@link ContactCsvGenerator}: phones read as
	 * French with {@link PhoneNumbers}, purchase dates at the start of their day in {@code zone}.
	 * @throws IllegalStateException if a row does not normalise: the generator must only write
	 * valid rows, or the two measurements would not do the same work
	 */
	static List<Row> normalise(Path csv, PhoneNumbers phones, Ids ids, ZoneId zone) {
		CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true).get();
		List<Row> rows = new ArrayList<>();
		try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
				CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
			for (CSVRecord record : parser) {
				try {
					EmailAddress email = EmailAddress.parse(record.get("email"), "email");
					String purchases = record.get("purchases");
					long[] occurred = purchases.isEmpty() ? new long[0]
							: Arrays.stream(purchases.split("\\|"))
								.mapToLong(day -> LocalDate.parse(day).atStartOfDay(zone).toInstant().toEpochMilli())
								.toArray();
					rows.add(new Row(ids.next(), record.get("external_ref"), email.value(), email.key(),
							phones.parse(record.get("phone"), "FR", "phone").e164(), record.get("first_name").strip(),
							record.get("last_name").strip(), occurred));
				}
				catch (RuntimeException e) {
					throw new IllegalStateException("Line " + parser.getCurrentLineNumber() + " of " + csv
							+ " does not normalise: " + e.getMessage(), e);
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read " + csv, e);
		}
		return rows;
	}

	/**
	 * Inserts {@code rows} and their purchases for {@code tenant}, committing every
	 * {@code rowsPerTransaction} contacts.
	 * @return the number of activities written
	 */
	static long insert(Connection connection, String tenant, String importId, List<Row> rows, long now,
			int rowsPerTransaction) throws SQLException {
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		long activities = 0;
		try (PreparedStatement contact = connection.prepareStatement(INSERT_CONTACT);
				PreparedStatement activity = connection.prepareStatement(INSERT_ACTIVITY)) {
			int pending = 0;
			int inTransaction = 0;
			for (Row row : rows) {
				contact.setString(1, tenant);
				contact.setString(2, row.contactId());
				contact.setString(3, row.externalRef());
				contact.setString(4, row.email());
				contact.setString(5, row.emailKey());
				contact.setString(6, row.phone());
				contact.setString(7, row.firstName());
				contact.setString(8, row.lastName());
				contact.setString(9, null);
				contact.setString(10, null);
				contact.setBoolean(11, false);
				contact.setBoolean(12, false);
				contact.setBoolean(13, false);
				contact.setString(14, importId);
				contact.setLong(15, now);
				contact.setLong(16, now);
				contact.addBatch();
				for (long occurredAt : row.purchases()) {
					activity.setString(1, tenant);
					activity.setString(2, row.contactId());
					activity.setLong(3, occurredAt);
					activity.setLong(4, now);
					activity.setString(5, importId);
					activity.addBatch();
					activities++;
				}
				inTransaction++;
				if (++pending == JDBC_BATCH || inTransaction == rowsPerTransaction) {
					// Contacts first: the activities' foreign key points at them.
					contact.executeBatch();
					activity.executeBatch();
					pending = 0;
				}
				if (inTransaction == rowsPerTransaction) {
					connection.commit();
					inTransaction = 0;
				}
			}
			contact.executeBatch();
			activity.executeBatch();
			connection.commit();
		}
		catch (SQLException | RuntimeException e) {
			connection.rollback();
			throw e;
		}
		finally {
			connection.setAutoCommit(autoCommit);
		}
		return activities;
	}
}
