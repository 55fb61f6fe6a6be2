package org.optinel;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code purge} on the command line: a dry run unless {@code --execute}, a report, an audit entry when it runs. */
class RetentionCommandLineIntegrationTests {

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
	@DisplayName("FR-09, GDPR-12: purge is a dry run by default; --execute runs it and leaves a RETENTION_PURGE audit entry")
	void purgeIsADryRunUnlessExecuted() throws Exception {
		int dryRun = OptinelApplication.runCommand(new String[] { "purge", "--tenant", "Default" });

		assertThat(dryRun).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("DRY RUN").contains("contacts that would be erased 0")
			.contains("nothing was changed");
		assertThat(auditEntries()).isZero();
		out.reset();

		int run = OptinelApplication.runCommand(new String[] { "purge", "--tenant", "Default", "--execute" });

		assertThat(run).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("contacts erased 0").contains("RETENTION_PURGE");
		assertThat(auditEntries()).isEqualTo(1);
	}

	@Test
	void refusesDryRunWithExecute() {
		int status = OptinelApplication.runCommand(new String[] { "purge", "--tenant", "Default", "--dry-run", "--execute" });

		assertThat(status).isEqualTo(2);
	}

	private long auditEntries() throws Exception {
		try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/optinel.db"));
				Statement sql = db.createStatement();
				ResultSet rs = sql.executeQuery("SELECT count(*) FROM audit_log WHERE action = 'RETENTION_PURGE' AND actor = 'cli'")) {
			rs.next();
			return rs.getLong(1);
		}
	}
}
