package org.optinel.consent;

import java.util.List;
import java.util.Optional;

import org.optinel.core.TenantId;

/** Storage of purposes and of the notices shown for them. Every call is scoped by tenant. */
public interface Purposes {

	/** Stores a purpose; false when the tenant already has one with this key. */
	boolean insert(Purpose purpose);

	Optional<Purpose> find(TenantId tenant, String key);

	List<Purpose> list(TenantId tenant);

	/** Stores a notice; false when its purpose, language and version are taken (a concurrent publication). */
	boolean insert(Notice notice);

	Optional<Notice> findNotice(TenantId tenant, String id);

	/** The latest version of the notice for a purpose in a language. */
	Optional<Notice> latestNotice(TenantId tenant, String purpose, String language);

	/** Notices by purpose, language and version; only {@code purpose}'s when it is given. */
	List<Notice> notices(TenantId tenant, String purpose);
}
