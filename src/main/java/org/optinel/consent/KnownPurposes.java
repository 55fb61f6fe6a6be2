package org.optinel.consent;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.optinel.core.TenantId;

import org.springframework.stereotype.Component;

/**
 * The purposes and notices that consent answers name, remembered once read. Both are immutable
 * once stored: a purpose is never redefined or deleted, a notice never changed or deleted. So what
 * was found once holds on every node, and only what was found is remembered: an unknown key is
 * asked again, since it may be declared in the meantime. Saves two queries per recorded answer.
 */
@Component
class KnownPurposes {

	/** Entries of each map at most; past it the map starts again empty, as a bound on memory. */
	static final int MAX_ENTRIES = 50_000;

	private final Purposes purposes;

	private final Map<Key, Boolean> known = new ConcurrentHashMap<>();

	private final Map<Key, Notice> notices = new ConcurrentHashMap<>();

	KnownPurposes(Purposes purposes) {
		this.purposes = purposes;
	}

	boolean exists(TenantId tenant, String purpose) {
		Key key = new Key(tenant, purpose);
		if (known.containsKey(key)) {
			return true;
		}
		boolean exists = purposes.find(tenant, purpose).isPresent();
		if (exists) {
			remember(known, key, Boolean.TRUE);
		}
		return exists;
	}

	/** The notice, without its text, which answers need only by hash. */
	Optional<Notice> notice(TenantId tenant, String noticeId) {
		Key key = new Key(tenant, noticeId);
		Notice notice = notices.get(key);
		if (notice != null) {
			return Optional.of(notice);
		}
		Optional<Notice> found = purposes.findNotice(tenant, noticeId)
			.map(n -> new Notice(n.id(), n.tenant(), n.purpose(), n.language(), n.version(), "", n.sha256(),
					n.createdAt()));
		found.ifPresent(n -> remember(notices, key, n));
		return found;
	}

	private static <V> void remember(Map<Key, V> map, Key key, V value) {
		if (map.size() >= MAX_ENTRIES) {
			map.clear();
		}
		map.put(key, value);
	}

	private record Key(TenantId tenant, String value) {
	}
}
