package org.optinel.contacts.importing;

/** The error report of an import as CSV: {@code line;column;reason}, one rejected value per line. */
public final class ErrorReport {

	public static final String HEADER = "line;column;reason";

	private ErrorReport() {
	}

	public static String line(RowError error) {
		return error.line() + ";" + quote(error.column()) + ";" + quote(error.reason());
	}

	private static String quote(String value) {
		if (value.indexOf(';') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
			return value;
		}
		return '"' + value.replace("\"", "\"\"") + '"';
	}
}
