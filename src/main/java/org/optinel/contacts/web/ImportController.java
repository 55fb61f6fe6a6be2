package org.optinel.contacts.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.optinel.contacts.ContactImporter;
import org.optinel.contacts.ImportJob;
import org.optinel.contacts.ImportSource;
import org.optinel.contacts.importing.ErrorReport;
import org.optinel.core.InvalidInputException;
import org.optinel.core.TenantId;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * CSV imports over the API: upload a file, watch its job, download its error report. The file is
 * checked as a whole before the job is queued; a file that cannot be imported is refused at once
 * with a problem that says why, and nothing is written.
 */
@RestController
@RequestMapping("/api/v1/imports")
@Tag(name = "Imports", description = "CSV import of contacts and their activities")
class ImportController {

	private final ContactImporter importer;

	ImportController(ContactImporter importer) {
		this.importer = importer;
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Upload a CSV file (form field 'file') and queue its import (202)",
			description = "UTF-8 with or without BOM, ';' or ',' separated, a header row naming at least a phone or an "
					+ "email column. 'origin' declares where the data comes from; 'map' entries (field=header) override "
					+ "the recognised headers.")
	ResponseEntity<JobResponse> upload(TenantId tenant, @RequestPart("file") MultipartFile file,
			@RequestParam String origin, @RequestParam(required = false) List<String> map) {
		try (InputStream content = file.getInputStream()) {
			String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? "upload.csv"
					: file.getOriginalFilename();
			return accepted(importer.submit(tenant, content, source(name, origin, map)));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@PostMapping(consumes = { "text/csv", MediaType.TEXT_PLAIN_VALUE })
	@Operation(summary = "Send the CSV file as the request body and queue its import (202)")
	ResponseEntity<JobResponse> uploadBody(TenantId tenant, HttpServletRequest request,
			@RequestParam(defaultValue = "upload.csv") String fileName, @RequestParam String origin,
			@RequestParam(required = false) List<String> map) throws IOException {
		return accepted(importer.submit(tenant, request.getInputStream(), source(fileName, origin, map)));
	}

	@GetMapping("/{id}")
	@Operation(summary = "An import: its provenance, status and counters (they move while it runs)")
	JobResponse get(TenantId tenant, @PathVariable String id) {
		return JobResponse.of(importer.job(tenant, id));
	}

	@GetMapping(path = "/{id}/errors", produces = "text/csv")
	@Operation(summary = "The error report: line;column;reason for each rejected value")
	void errors(TenantId tenant, @PathVariable String id, HttpServletResponse response) throws IOException {
		importer.job(tenant, id);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"import-" + id + "-errors.csv\"");
		PrintWriter writer = new PrintWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
		writer.println(ErrorReport.HEADER);
		importer.errors(tenant, id, error -> writer.println(ErrorReport.line(error)));
		writer.flush();
	}

	private static ImportSource source(String fileName, String origin, List<String> map) {
		if (origin == null || origin.isBlank()) {
			throw new InvalidInputException("origin", "is required: say where the data comes from (kept for provenance)");
		}
		if (origin.length() > 500) {
			throw new InvalidInputException("origin", "is longer than 500 characters");
		}
		Map<String, String> columns = new LinkedHashMap<>();
		if (map != null) {
			for (String entry : map) {
				int eq = entry.indexOf('=');
				if (eq <= 0 || eq == entry.length() - 1) {
					throw new InvalidInputException("map", "'" + entry + "' is not field=header (e.g. phone=Portable)");
				}
				columns.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
			}
		}
		String name = fileName.length() > 255 ? fileName.substring(0, 255) : fileName;
		return new ImportSource(name, origin.strip(), columns);
	}

	private static ResponseEntity<JobResponse> accepted(ImportJob job) {
		return ResponseEntity.accepted().location(URI.create("/api/v1/imports/" + job.id())).body(JobResponse.of(job));
	}

	/** An import as the API shows it. */
	record JobResponse(String id, String fileName, String origin, String sha256, ImportJob.Status status,
			@Parameter(description = "rows in the file") long rowsTotal, long rowsRead, long accepted, long rejected,
			long contactsCreated, long contactsUpdated, long contactsUnchanged, long activitiesAdded,
			@Parameter(description = "created or updated contacts that are on the suppression list and stay suppressed") long contactsSuppressed,
			int percent,
			String failure, Instant createdAt, Instant startedAt, Instant finishedAt, String errorReport) {

		static JobResponse of(ImportJob job) {
			int percent = job.rowsTotal() == 0 ? (job.status() == ImportJob.Status.DONE ? 100 : 0)
					: (int) (job.rowsRead() * 100 / job.rowsTotal());
			return new JobResponse(job.id(), job.fileName(), job.origin(), job.sha256(), job.status(), job.rowsTotal(),
					job.rowsRead(), job.accepted(), job.rejected(), job.contactsCreated(), job.contactsUpdated(),
					job.contactsUnchanged(), job.activitiesAdded(), job.contactsSuppressed(), percent, job.failure(), job.createdAt(),
					job.startedAt(), job.finishedAt(), "/api/v1/imports/" + job.id() + "/errors");
		}
	}
}
