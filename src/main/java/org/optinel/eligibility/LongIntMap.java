package org.optinel.eligibility;

import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * An open-addressing map from long keys to int values, fixed capacity, no removal. One writer at a
 * time (the caller locks); readers need no lock: a value is written before its key, and a reader
 * that sees a half-written entry misses it, which sends the caller to SQL.
 */
final class LongIntMap {

	private final long[] keys;

	private final int[] values;

	private final int mask;

	LongIntMap(int expected) {
		int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
		keys = new long[capacity];
		values = new int[capacity];
		mask = capacity - 1;
		Arrays.fill(values, -1);
	}

	/** The value of {@code key}, or -1. */
	int get(long key) {
		long k = key == 0 ? 1 : key;
		int i = spread(k) & mask;
		while (true) {
			long found = keys[i];
			if (found == 0) {
				return -1;
			}
			if (found == k) {
				VarHandle.acquireFence();
				return values[i];
			}
			i = (i + 1) & mask;
		}
	}

	/** Sets the value of {@code key}; the map is sized so that it never fills (twice the expected entries). */
	void put(long key, int value) {
		long k = key == 0 ? 1 : key;
		int i = spread(k) & mask;
		while (keys[i] != 0 && keys[i] != k) {
			i = (i + 1) & mask;
		}
		values[i] = value;
		VarHandle.releaseFence();
		keys[i] = k;
	}

	private static int spread(long k) {
		long h = k * 0x9E3779B97F4A7C15L;
		return (int) (h ^ (h >>> 32));
	}
}
