package org.optinel.contacts.importing;

import org.optinel.core.OptinelException;
import org.optinel.core.ProblemKind;

/** The file as a whole cannot be imported (not UTF-8 text, broken quoting, no usable header); nothing was written. */
public class InvalidImportFileException extends OptinelException {

	InvalidImportFileException(String detail) {
		super(ProblemKind.INVALID, "invalid-import-file", "Invalid import file", detail);
	}

	InvalidImportFileException(long line, String detail) {
		this("line " + line + ": " + detail);
		with("line", line);
	}
}
