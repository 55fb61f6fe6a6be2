package org.optinel.core;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optinel.testing.OnSqlite;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection held for commit after commit ({@link Database#withPageCache}) keeps SQLite's
 * write-ahead log short: once the log holds its limit of pages, the next transaction writes it
 * from its start again, instead of the log growing for as long as the writes follow one another.
 */
@OnSqlite
class HeldConnectionLogOnSqliteIntegrationTests {

	private static final int LIMIT_PAGES = 64;

	@Autowired
	Database database;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	private int previousLimit;

	@BeforeEach
	void lowerTheLimit() {
		jdbc.sql("CREATE TABLE IF NOT EXISTS held_log_probe (id INTEGER NOT NULL PRIMARY KEY, payload BLOB NOT NULL)").update();
		jdbc.sql("DELETE FROM held_log_probe").update();
		previousLimit = database.heldLogPages(LIMIT_PAGES);
	}

	@AfterEach
	void restoreTheLimit() {
		database.heldLogPages(previousLimit);
	}

	@Test
	void commitsOnAHeldConnectionStartTheLogAgainOnceItIsFullInsteadOfGrowingIt() throws IOException {
		Path log = log();
		int restartsBefore = checkpointSequence(log);
		long sizeBefore = Files.size(log);
		TransactionTemplate transaction = new TransactionTemplate(transactions);
		Random random = new Random(7);
		int transactionsRun = 200;
		// About 32 pages a transaction: 200 of them would make a log of some 26 MB if it only grew.
		database.withPageCache(2048, () -> {
			for (int t = 0; t < transactionsRun; t++) {
				int first = t * 8;
				transaction.executeWithoutResult(status -> {
					for (int row = first; row < first + 8; row++) {
						byte[] payload = new byte[16 * 1024];
						random.nextBytes(payload);
						jdbc.sql("INSERT INTO held_log_probe (id, payload) VALUES (?, ?)").params(row, payload).update();
					}
				});
				database.committed();
			}
			return null;
		});

		assertThat(jdbc.sql("SELECT count(*) FROM held_log_probe").query(Long.class).single()).isEqualTo(transactionsRun * 8L);
		// Each time the log starts again its header counts one more checkpoint; at 64 pages that is every
		// two or three transactions here. A reader that still needs the old log may delay a few.
		assertThat(checkpointSequence(log) - restartsBefore).isGreaterThanOrEqualTo(20);
		// The file only grows: with the log started again it stays within a few limits' worth of frames.
		assertThat(Files.size(log)).isLessThanOrEqualTo(Math.max(sizeBefore, 4L * 1024 * 1024));
	}

	@Test
	void aWriterCopiesWhatTheBackgroundCheckpointLeftSoThatTheLogStartsAgainLongBeforeItIsFull() throws Exception {
		database.heldLogPages(Database.HELD_LOG_PAGES);
		Path log = log();
		TransactionTemplate transaction = new TransactionTemplate(transactions);
		// The log only starts again when no other connection is reading it. The application's own
		// background work reads now and then, so a round that met a reader is tried again; without
		// the writer's copy no round starts the log again.
		int rounds = 0;
		int restarted = 0;
		while (restarted == 0 && rounds < 10) {
			rounds++;
			int id = rounds * 3;
			// Letting a held connection go asks for a background checkpoint: wait until it has run
			// and none is left to run, so that the writer's copy below checkpoints alone.
			database.withPageCache(2048, () -> transaction.execute(status -> insert(id)));
			long deadline = System.nanoTime() + 10_000_000_000L;
			while (!(database.backgroundCheckpointed() && database.backgroundCheckpointsIdle())
					&& System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			assertThat(database.backgroundCheckpointed()).isTrue();
			restarted = database.withPageCache(2048, () -> {
				transaction.execute(status -> insert(id + 1));
				int afterFirst = checkpointSequence(log);
				database.committed();
				transaction.execute(status -> insert(id + 2));
				return checkpointSequence(log) - afterFirst;
			});
		}

		// The second transaction of a round started the log again, far below the limit of pages:
		// without the writer's copy of what the background left, the log would have gone on growing.
		assertThat(restarted).isEqualTo(1);
		assertThat(jdbc.sql("SELECT count(*) FROM held_log_probe").query(Long.class).single()).isEqualTo(rounds * 3L);
	}

	private int insert(int id) {
		return jdbc.sql("INSERT INTO held_log_probe (id, payload) VALUES (?, ?)").params(id, new byte[100]).update();
	}

	private Path log() {
		return Path.of(jdbc.sql("SELECT file FROM pragma_database_list WHERE name = 'main'").query(String.class).single()
				+ "-wal");
	}

	/** The checkpoint sequence number in the log's header (big-endian, bytes 12 to 15). */
	private static int checkpointSequence(Path log) {
		try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
			file.seek(12);
			return file.readInt();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
