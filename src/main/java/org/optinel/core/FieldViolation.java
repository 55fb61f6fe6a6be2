package org.optinel.core;

/** What is wrong with one field of a request, phrased so that the caller knows what to fix. */
public record FieldViolation(String field, String message) {
}
