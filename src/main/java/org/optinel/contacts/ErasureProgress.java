package org.optinel.contacts;

/** Told after each chunk of an erasure: how many of the requested ids are done. */
@FunctionalInterface
public interface ErasureProgress {

	ErasureProgress NONE = (done, total) -> {
	};

	void update(int done, int total);
}
