package org.optinel.core;

/**
 * The resource does not exist for this tenant. Also the answer for another tenant's resources, so
 * that an id never confirms that something exists elsewhere.
 */
public class NotFoundException extends OptinelException {

	public NotFoundException(String resource, String id) {
		super(ProblemKind.NOT_FOUND, "not-found", "Not found", "No " + resource + " with id '" + id + "'.");
	}
}
