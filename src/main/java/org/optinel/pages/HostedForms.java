package org.optinel.pages;

import java.util.List;
import java.util.Optional;

import org.optinel.core.TenantId;

/** Stored form versions. */
public interface HostedForms {

	/** Stores a version; false when the form already has that version (a concurrent change). */
	boolean insert(HostedForm form);

	/** The latest version of a form. */
	Optional<HostedForm> latest(TenantId tenant, String id);

	Optional<HostedForm> version(TenantId tenant, String id, int version);

	/** The latest version of each of the tenant's forms, oldest form first. */
	List<HostedForm> list(TenantId tenant);
}
