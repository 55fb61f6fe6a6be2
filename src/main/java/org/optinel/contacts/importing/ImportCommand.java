package org.optinel.contacts.importing;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.optinel.contacts.ContactImporter;
import org.optinel.contacts.ImportProgress;
import org.optinel.contacts.ImportSource;
import org.optinel.contacts.ImportSummary;
import org.optinel.tenancy.Tenant;
import org.optinel.tenancy.TenantManagement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.springframework.stereotype.Component;

/**
 * {@code import contacts.csv --tenant <id or name>}: imports a CSV file with a progress bar, prints
 * a summary and writes the rejected rows to an error report beside the file.
 * Exit status: 0 all rows accepted, 1 some rows rejected, 2 the file could not be imported.
 */
@Component
@Command(name = "import", mixinStandardHelpOptions = true,
		description = "Import contacts and their activities from a CSV file (UTF-8, ';' or ',' separated, header row).")
class ImportCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "FILE", description = "the CSV file")
	Path file;

	@Option(names = "--tenant", required = true, description = "the tenant's id or name")
	String tenant;

	@Option(names = "--origin", description = "where the data comes from, kept for provenance (default: the file name)")
	String origin;

	@Option(names = "--map", paramLabel = "FIELD=HEADER", description = "read FIELD from the column HEADER, e.g. phone=Portable")
	Map<String, String> columns = new LinkedHashMap<>();

	@Option(names = "--errors", paramLabel = "FILE", description = "where to write rejected rows (default: FILE.errors.csv)")
	Path errorReport;

	private final ContactImporter importer;

	private final TenantManagement tenants;

	ImportCommand(ContactImporter importer, TenantManagement tenants) {
		this.importer = importer;
		this.tenants = tenants;
	}

	@Override
	public Integer call() {
		if (!Files.isReadable(file)) {
			System.err.println("error: cannot read " + file);
			return 2;
		}
		Tenant target = tenants.resolve(tenant);
		ImportSource source = new ImportSource(file.getFileName().toString(),
				origin == null ? "command line import of " + file.getFileName() : origin, columns);
		ProgressBar bar = new ProgressBar(System.err);
		ImportSummary summary = importer.importContacts(target.id(), file, source, bar);
		bar.done();
		PrintStream out = System.out;
		out.printf(Locale.ROOT, "Imported %s into tenant '%s' (import %s)%n", file.getFileName(), target.name(),
				summary.importId());
		out.printf(Locale.ROOT, "  rows read        %,d%n  accepted         %,d%n  rejected         %,d%n", summary.rowsRead(),
				summary.accepted(), summary.rejected());
		out.printf(Locale.ROOT, "  contacts created %,d, updated %,d, unchanged %,d%n  activities added %,d%n",
				summary.contactsCreated(), summary.contactsUpdated(), summary.contactsUnchanged(),
				summary.activitiesAdded());
		if (summary.contactsSuppressed() > 0) {
			out.printf(Locale.ROOT, "  %,d contacts are on the suppression list and stay suppressed%n",
					summary.contactsSuppressed());
		}
		out.printf(Locale.ROOT, "  took %.1f s (%,.0f rows/s)%n", summary.took().toMillis() / 1000.0, summary.rowsPerSecond());
		if (!summary.ignoredColumns().isEmpty()) {
			out.println("  ignored columns  " + String.join(", ", summary.ignoredColumns()));
		}
		if (summary.rejected() > 0) {
			Path report = errorReport != null ? errorReport : file.resolveSibling(file.getFileName() + ".errors.csv");
			writeReport(target, summary.importId(), report);
			out.println("  rejected rows are listed in " + report);
			return 1;
		}
		return 0;
	}

	private void writeReport(Tenant target, String importId, Path report) {
		try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(report, StandardCharsets.UTF_8))) {
			writer.println(ErrorReport.HEADER);
			importer.errors(target.id(), importId, error -> writer.println(ErrorReport.line(error)));
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot write the error report " + report, e);
		}
	}

	/** A one-line progress bar on a terminal, redrawn in place. */
	static final class ProgressBar implements ImportProgress {

		private final PrintStream out;

		private boolean drawn;

		ProgressBar(PrintStream out) {
			this.out = out;
		}

		@Override
		public void update(long bytesRead, long totalBytes, long rows, long accepted, long rejected) {
			int percent = totalBytes == 0 ? 100 : (int) Math.min(100, bytesRead * 100 / totalBytes);
			int filled = percent * 30 / 100;
			out.printf(Locale.ROOT, "\r[%s%s] %3d%%  %,d rows  %,d rejected", "#".repeat(filled), " ".repeat(30 - filled),
					percent, rows, rejected);
			out.flush();
			drawn = true;
		}

		void done() {
			if (drawn) {
				out.println();
			}
		}
	}
}
