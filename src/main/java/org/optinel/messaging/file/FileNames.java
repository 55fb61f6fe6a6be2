package org.optinel.messaging.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Directory creation and file-name parts shared by the file gateways. */
final class FileNames {

	private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");

	private FileNames() {
	}

	/** The value with every character a file system might mind replaced by '_', at most 80 long. */
	static String safe(String value) {
		String safe = UNSAFE.matcher(value).replaceAll("_");
		return safe.length() > 80 ? safe.substring(0, 80) : safe;
	}

	/**
	 * Creates the directory and its parents.
	 *
	 * @throws IllegalStateException naming the path when it cannot be created
	 */
	static void createDirectories(Path directory, String what) {
		try {
			Files.createDirectories(directory);
		}
		catch (IOException e) {
			throw new IllegalStateException("Cannot create the " + what + " " + directory.toAbsolutePath() + ": " + e,
					e);
		}
	}
}
