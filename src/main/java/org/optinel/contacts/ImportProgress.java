package org.optinel.contacts;

/** Receives an import's progress after each batch; called from the importing thread. */
@FunctionalInterface
public interface ImportProgress {

	ImportProgress NONE = (bytesRead, totalBytes, rows, accepted, rejected) -> {
	};

	void update(long bytesRead, long totalBytes, long rows, long accepted, long rejected);
}
