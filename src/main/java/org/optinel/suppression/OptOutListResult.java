package org.optinel.suppression;

import java.util.List;

/**
 * What bringing in an opt-out list did. Nothing is ever removed or lifted by it.
 *
 * @param lines lines read
 * @param added entries put on the list (new, or back after a lift)
 * @param alreadyPresent entries that were on the list already and are left as they were
 * @param duplicates entries given more than once in the list (counted once)
 * @param rejected lines refused, nothing of them written
 * @param rejections the first refused lines with their reasons (at most {@value #MAX_REJECTIONS_LISTED})
 */
public record OptOutListResult(long lines, long added, long alreadyPresent, long duplicates, long rejected,
		List<Rejection> rejections) {

	public static final int MAX_REJECTIONS_LISTED = 1000;

	/** A refused line and why, naming the column at fault ({@code ""} for the whole line). */
	public record Rejection(long line, String column, String reason) {
	}
}
