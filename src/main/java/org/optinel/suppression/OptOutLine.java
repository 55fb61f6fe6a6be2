package org.optinel.suppression;

/**
 * One line of an opt-out list as the file or request gave it, before any validation: a phone, an
 * email, or both; optionally the channel ({@code SMS}, {@code EMAIL}, {@code ALL}; empty: all) and
 * the reason (empty: {@code IMPORT}).
 *
 * @param line the line number in the file (or position in the list, from 1)
 */
public record OptOutLine(long line, String phone, String email, String channel, String reason) {
}
