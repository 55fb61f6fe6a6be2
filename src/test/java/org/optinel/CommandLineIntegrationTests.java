package org.optinel;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line as a user runs it: the same jar, a command, an exit status, a summary. */
class CommandLineIntegrationTests {

	@TempDir
	Path dir;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private PrintStream stdout;

	@BeforeEach
	void useAFreshDataFolderAndCaptureTheOutput() {
		System.setProperty("optinel.data-dir", dir.resolve("data").toString());
		stdout = System.out;
		System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
	}

	@AfterEach
	void restore() {
		System.setOut(stdout);
		System.clearProperty("optinel.data-dir");
	}

	@Test
	void importsAFileAndExitsWithOneWhenSomeRowsAreRejected() throws Exception {
		Path file = Files.writeString(dir.resolve("clients.csv"),
				"telephone;nom\n06 12 34 56 78;Martin\n12;Durand\n0612345679;Petit\n", StandardCharsets.UTF_8);

		int status = OptinelApplication.runCommand(new String[] { "import", file.toString(), "--tenant", "Default" });

		assertThat(status).isEqualTo(1);
		String summary = out.toString(StandardCharsets.UTF_8);
		assertThat(summary).contains("rows read        3").contains("accepted         2").contains("rejected         1");
		Path report = dir.resolve("clients.csv.errors.csv");
		assertThat(Files.readAllLines(report)).containsExactly("line;column;reason",
				"3;telephone;'12' is not a valid number (too few digits)");
	}

	@Test
	void reimportingChangesNothingAndExitsWithZero() throws Exception {
		Path file = Files.writeString(dir.resolve("clients.csv"), "email\njeanne@example.fr\n", StandardCharsets.UTF_8);
		OptinelApplication.runCommand(new String[] { "import", file.toString(), "--tenant", "Default" });
		out.reset();

		int status = OptinelApplication.runCommand(new String[] { "import", file.toString(), "--tenant", "Default" });

		assertThat(status).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("contacts created 0, updated 0, unchanged 1");
	}

	@Test
	void refusesABrokenFileWithStatusTwo() throws Exception {
		Path file = Files.writeString(dir.resolve("broken.csv"), "phone;name\n0612345678;\"Martin\n",
				StandardCharsets.UTF_8);

		int status = OptinelApplication.runCommand(new String[] { "import", file.toString(), "--tenant", "Default" });

		assertThat(status).isEqualTo(2);
	}

	@Test
	void namesAnUnknownTenant() throws Exception {
		Path file = Files.writeString(dir.resolve("clients.csv"), "email\njeanne@example.fr\n", StandardCharsets.UTF_8);

		int status = OptinelApplication.runCommand(new String[] { "import", file.toString(), "--tenant", "Nobody" });

		assertThat(status).isEqualTo(2);
	}

	@Test
	void verifiesAnIntactConsentLedgerWithStatusZero() {
		int status = OptinelApplication.runCommand(new String[] { "verify-ledger", "--tenant", "Default" });

		assertThat(status).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("OK").contains("0 events");
	}

	@Test
	void reportsTheFirstBrokenSeqOfATamperedLedgerWithStatusOne() throws Exception {
		OptinelApplication.runCommand(new String[] { "verify-ledger", "--tenant", "Default" });
		try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/optinel.db"));
				Statement sql = db.createStatement()) {
			sql.executeUpdate("INSERT INTO consent_event (tenant_id, seq, event_id, contact_id, channel, purpose_key, action,"
					+ " source, proven, occurred_at, recorded_at, prev_hash, hash) SELECT tenant_id, 1,"
					+ " '0192f0c1-0000-7000-8000-000000000001', '0192f0c1-0000-7000-8000-000000000002', 'SMS', 'newsletter',"
					+ " 'GRANT', 'API', TRUE, 0, 0, '" + "0".repeat(64) + "', 'forged' FROM tenant WHERE name = 'Default'");
			sql.executeUpdate("INSERT INTO consent_head (tenant_id, seq, hash) SELECT tenant_id, 1, 'forged' FROM tenant"
					+ " WHERE name = 'Default'");
		}
		out.reset();

		int status = OptinelApplication.runCommand(new String[] { "verify-ledger", "--tenant", "Default" });

		assertThat(status).isEqualTo(1);
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("BROKEN at seq 1");
	}

	@Test
	void rebuildsTheConsentStatesAndReportsNoDifferenceOnAFreshBase() {
		int status = OptinelApplication.runCommand(new String[] { "rebuild-consents", "--tenant", "Default" });

		assertThat(status).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("0 differences");
	}
}
