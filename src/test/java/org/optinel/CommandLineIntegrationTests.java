package org.optinel;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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
}
