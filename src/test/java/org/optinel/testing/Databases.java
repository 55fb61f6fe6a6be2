package org.optinel.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The two databases every persistence and API test runs on: a fresh SQLite file, or a fresh
 * database in one in-process PostgreSQL server shared by the whole test run.
 */
public final class Databases {

	private Databases() {
	}

	/** A new folder for the application's files (database, first key, uploads). */
	public static Path newDataDir() {
		try {
			return Files.createTempDirectory("optinel-test");
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A new SQLite file in {@code dataDir}, with the same settings as the default configuration. */
	public static String newSqliteUrl(Path dataDir) {
		return "jdbc:sqlite:" + dataDir.resolve("optinel.db")
				+ "?journal_mode=WAL&busy_timeout=30000&foreign_keys=true&transaction_mode=DEFERRED&temp_store=MEMORY";
	}

	/** A new, empty database in the shared embedded PostgreSQL server. */
	public static String newPostgresUrl() {
		EmbeddedPostgres server = Postgres.SERVER;
		String name = "optinel_" + UUID.randomUUID().toString().replace("-", "");
		try (Connection connection = server.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException e) {
			throw new IllegalStateException("Cannot create a test database", e);
		}
		return server.getJdbcUrl("postgres", name);
	}

	/**
	 * Drops a database made by {@link #newPostgresUrl()}, once nothing is connected to it; for
	 * benchmarks, whose databases are large.
	 */
	public static void dropPostgres(String jdbcUrl) {
		String name = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1).replaceFirst("\\?.*", "");
		if (!name.matches("optinel_[0-9a-f]{32}")) {
			throw new IllegalArgumentException("Not a database made by newPostgresUrl(): " + jdbcUrl);
		}
		try (Connection connection = Postgres.SERVER.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE " + name);
		}
		catch (SQLException e) {
			throw new IllegalStateException("Cannot drop the test database " + name, e);
		}
	}

	/** Starts the server on first use and stops it when the JVM exits. */
	private static final class Postgres {

		static final EmbeddedPostgres SERVER = start();

		private static EmbeddedPostgres start() {
			try {
				EmbeddedPostgres server = EmbeddedPostgres.builder().start();
				Runtime.getRuntime().addShutdownHook(new Thread(() -> {
					try {
						server.close();
					}
					catch (IOException ignored) {
						// the JVM is going away
					}
				}));
				return server;
			}
			catch (IOException e) {
				throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
			}
		}
	}

	/**
	 * Lifts the public pages' per-IP rate limit: every test calls from 127.0.0.1, far faster than
	 * people do. A test of the limit sets its own budgets (any {@code optinel.web.public-rate-limit.*}
	 * property), and then this leaves them alone.
	 */
	static void unthrottled(ConfigurableApplicationContext context) {
		String prefix = "optinel.web.public-rate-limit.";
		for (String name : java.util.List.of("enabled", "reads-per-minute", "read-burst", "writes-per-minute",
				"write-burst")) {
			if (context.getEnvironment().containsProperty(prefix + name)) {
				return;
			}
		}
		TestPropertyValues.of(prefix + "reads-per-minute=1000000", prefix + "read-burst=1000000",
				prefix + "writes-per-minute=1000000", prefix + "write-burst=1000000").applyTo(context);
	}

	/** Points the application at a fresh SQLite file. */
	public static class Sqlite implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			Path dataDir = newDataDir();
			TestPropertyValues.of("optinel.data-dir=" + dataDir, "spring.datasource.url=" + newSqliteUrl(dataDir))
				.applyTo(context);
			unthrottled(context);
		}
	}

	/** Points the application at a fresh PostgreSQL database. */
	public static class Postgresql implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			TestPropertyValues.of("optinel.data-dir=" + newDataDir(), "spring.datasource.url=" + newPostgresUrl(), "spring.datasource.username=postgres",
					"spring.datasource.password=postgres").applyTo(context);
			unthrottled(context);
		}
	}
}
