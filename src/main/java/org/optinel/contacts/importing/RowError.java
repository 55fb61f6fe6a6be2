package org.optinel.contacts.importing;

/** Why a row was rejected: its line, the column at fault ({@code ""} for the row as a whole), and the reason. */
public record RowError(long line, String column, String reason) {
}
