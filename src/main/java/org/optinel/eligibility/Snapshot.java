package org.optinel.eligibility;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.optinel.consent.ConsentStatus;
import org.optinel.core.Channel;

/**
 * One tenant's contact facts in parallel arrays indexed by slot, about 60 bytes a contact plus 9
 * per (channel, purpose) answered. Writes are serialised on the snapshot; reads take no lock.
 * Hashes are keyed by their first 64 bits: a collision can only mark a second contact suppressed,
 * on the side of the person, until it is refreshed.
 */
final class Snapshot {

	final int capacity;

	private int size;

	final long[] idHi;

	final long[] idLo;

	final byte[] flags;

	final byte[] zone;

	final long[] lastClient;

	final long[] phoneKey;

	final long[] emailKey;

	private final LongIntMap byId;

	private final LongIntMap byPhone;

	private final LongIntMap byEmail;

	final Map<String, Column> columns = new ConcurrentHashMap<>();

	Snapshot(int expected) {
		capacity = expected + expected / 4 + 4096;
		idHi = new long[capacity];
		idLo = new long[capacity];
		flags = new byte[capacity];
		zone = new byte[capacity];
		lastClient = new long[capacity];
		Arrays.fill(lastClient, Long.MIN_VALUE);
		phoneKey = new long[capacity];
		emailKey = new long[capacity];
		byId = new LongIntMap(capacity);
		byPhone = new LongIntMap(capacity);
		byEmail = new LongIntMap(capacity);
	}

	synchronized int size() {
		return size;
	}

	/** The slot of a contact, or -1 when it is not held. */
	int slot(String contactId) {
		long[] u = EligibilityIndex.uuid(contactId);
		if (u == null) {
			return -1;
		}
		int slot = byId.get(u[0] ^ Long.rotateLeft(u[1], 17));
		if (slot < 0 || idHi[slot] != u[0] || idLo[slot] != u[1]) {
			return -1;
		}
		return slot;
	}

	/** Stores a contact's own facts (not its suppressions); -1 when it cannot be held (full, or no UUID id). */
	synchronized int put(EligibilityStore.ContactRow row) {
		int slot = slot(row.contactId());
		if (slot < 0) {
			long[] u = EligibilityIndex.uuid(row.contactId());
			if (u == null || size == capacity) {
				return -1;
			}
			slot = size++;
			idHi[slot] = u[0];
			idLo[slot] = u[1];
			byId.put(u[0] ^ Long.rotateLeft(u[1], 17), slot);
		}
		int f = 0;
		f |= row.phone() != null ? EligibilityIndex.HAS_PHONE : 0;
		f |= row.hasEmail() ? EligibilityIndex.HAS_EMAIL : 0;
		f |= row.professional() ? EligibilityIndex.PROFESSIONAL : 0;
		f |= row.collectedInSale() ? EligibilityIndex.IN_SALE : 0;
		f |= row.optOutOffered() ? EligibilityIndex.OPT_OUT : 0;
		// Suppression bits stay until a refresh clears them explicitly.
		int kept = flags[slot] & (EligibilityIndex.SUPPRESSED_SMS | EligibilityIndex.SUPPRESSED_EMAIL | EligibilityIndex.SMS_STOP);
		flags[slot] = (byte) (f | kept);
		zone[slot] = (byte) RecipientZone.of(row.phone()).ordinal();
		lastClient[slot] = row.lastClientActivityAt() == null ? Long.MIN_VALUE : row.lastClientActivityAt();
		if (row.phoneHash() != null) {
			phoneKey[slot] = key(row.phoneHash());
			byPhone.put(phoneKey[slot], slot);
		}
		if (row.emailHash() != null) {
			emailKey[slot] = key(row.emailHash());
			byEmail.put(emailKey[slot], slot);
		}
		return slot;
	}

	synchronized void lastClient(String contactId, long at) {
		int slot = slot(contactId);
		if (slot >= 0) {
			lastClient[slot] = at;
		}
	}

	synchronized void clearSuppressions(int slot) {
		flags[slot] = (byte) (flags[slot]
				& ~(EligibilityIndex.SUPPRESSED_SMS | EligibilityIndex.SUPPRESSED_EMAIL | EligibilityIndex.SMS_STOP));
	}

	/** Stops deciding a contact from memory (it was erased, or could not be read again). */
	synchronized void forget(String contactId) {
		int slot = slot(contactId);
		if (slot >= 0) {
			// The id no longer matches, so the slot is never found again; its hash keys keep pointing at it harmlessly.
			idHi[slot] = 0;
			idLo[slot] = 0;
		}
	}

	/** Sets an answer, unless the held one happened later. */
	synchronized void consent(String contactId, Channel channel, String purpose, ConsentStatus status, long since,
			boolean force) {
		int slot = slot(contactId);
		if (slot < 0) {
			return;
		}
		Column c = columns.computeIfAbsent(columnKey(channel, purpose), k -> new Column(capacity));
		if (force || c.status[slot] == 0 || since >= c.since[slot]) {
			c.since[slot] = since;
			c.status[slot] = (byte) (status.ordinal() + 1);
		}
	}

	void withdraw(String contactId, Channel channel, String purpose, long at) {
		consent(contactId, channel, purpose, ConsentStatus.WITHDRAWN, at, false);
	}

	static int suppressionBits(Channel scope, boolean smsStop) {
		// Bit 1: SMS scope, bit 2: EMAIL scope, bit 4: ALL, bit 8: an SMS STOP.
		return (scope == null ? 4 : scope == Channel.SMS ? 1 : 2) | (smsStop ? 8 : 0);
	}

	/** Marks every held contact with this hash, by the rules of {@link Screening}. */
	void applySuppression(String hash, Channel scope, boolean smsStop) {
		applyBits(hash, suppressionBits(scope, smsStop));
	}

	synchronized void applyBits(String hash, int bits) {
		long k = key(hash);
		boolean all = (bits & 4) != 0;
		int phoneSlot = byPhone.get(k);
		if (phoneSlot >= 0 && phoneKey[phoneSlot] == k) {
			int f = flags[phoneSlot];
			if (all || (bits & 1) != 0) {
				f |= EligibilityIndex.SUPPRESSED_SMS;
				if ((bits & 8) != 0) {
					f |= EligibilityIndex.SMS_STOP;
				}
			}
			if (all) {
				f |= EligibilityIndex.SUPPRESSED_EMAIL;
			}
			flags[phoneSlot] = (byte) f;
		}
		int emailSlot = byEmail.get(k);
		if (emailSlot >= 0 && emailKey[emailSlot] == k) {
			int f = flags[emailSlot];
			if (all || (bits & 2) != 0) {
				f |= EligibilityIndex.SUPPRESSED_EMAIL;
			}
			if (all) {
				f |= EligibilityIndex.SUPPRESSED_SMS;
			}
			flags[emailSlot] = (byte) f;
		}
	}

	/** The id of the held contact whose phone has this hash, or null. */
	synchronized String contactWithPhoneHash(String hash) {
		long k = key(hash);
		int slot = byPhone.get(k);
		return slot >= 0 && phoneKey[slot] == k && (idHi[slot] != 0 || idLo[slot] != 0)
				? new UUID(idHi[slot], idLo[slot]).toString() : null;
	}

	/** The ids of the held contacts with this phone or email hash. */
	synchronized List<String> contactsWithHash(String hash) {
		long k = key(hash);
		List<String> ids = new ArrayList<>(2);
		for (int slot : new int[] { byPhone.get(k), byEmail.get(k) }) {
			if (slot >= 0 && (idHi[slot] != 0 || idLo[slot] != 0)) {
				ids.add(new UUID(idHi[slot], idLo[slot]).toString());
			}
		}
		return ids;
	}

	static long key(String hexHash) {
		return hexHash.length() >= 16 ? Long.parseUnsignedLong(hexHash.substring(0, 16), 16)
				: HexFormat.fromHexDigitsToLong(hexHash);
	}

	static String columnKey(Channel channel, String purpose) {
		return channel.name() + ':' + purpose;
	}

	/** The answers of one (channel, purpose): status ordinal + 1 (0 for none), and when it was given. */
	static final class Column {

		final byte[] status;

		final long[] since;

		Column(int capacity) {
			status = new byte[capacity];
			since = new long[capacity];
		}
	}
}
