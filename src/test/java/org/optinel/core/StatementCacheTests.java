package org.optinel.core;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Statements prepared through a held connection are kept and used again, with nothing of their last use. */
class StatementCacheTests {

	@TempDir
	Path dir;

	@Test
	void aStatementIsUsedAgainWithFreshParametersAndAnotherOneWhileItIsInUse() throws SQLException {
		try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("c.db"))) {
			try (Statement s = raw.createStatement()) {
				s.execute("CREATE TABLE probe (id INTEGER PRIMARY KEY, name TEXT)");
				s.execute("INSERT INTO probe VALUES (1, 'one'), (2, 'two'), (3, 'three')");
			}
			int[] compiled = { 0 };
			Connection counting = (Connection) java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(),
					new Class<?>[] { Connection.class }, (p, m, a) -> {
						if (m.getName().equals("prepareStatement")) {
							compiled[0]++;
						}
						return m.invoke(raw, a);
					});
			StatementCache cache = StatementCache.over(counting, 2);
			Connection held = cache.connection();
			String byId = "SELECT name FROM probe WHERE id = ?";

			assertThat(names(held, byId, 1)).containsExactly("one");
			// The same text again: the same compiled statement, bound anew.
			assertThat(names(held, byId, 2)).containsExactly("two");
			assertThat(compiled[0]).isEqualTo(1);

			// While one is in use (its rows being read), the same text gets a statement of its own.
			PreparedStatement outer = held.prepareStatement(byId);
			outer.setInt(1, 3);
			try (ResultSet rows = outer.executeQuery()) {
				assertThat(rows.next()).isTrue();
				assertThat(names(held, byId, 1)).containsExactly("one");
				assertThat(rows.getString(1)).isEqualTo("three");
			}
			outer.close();
			assertThat(compiled[0]).as("a second statement for the text in use").isEqualTo(2);
			assertThat(names(held, byId, 2)).containsExactly("two");
			assertThat(compiled[0]).isEqualTo(2);

			// A batch left nothing behind for the next user of the same text.
			String insert = "INSERT INTO probe (id, name) VALUES (?, ?)";
			try (PreparedStatement first = held.prepareStatement(insert)) {
				first.setInt(1, 10);
				first.setString(2, "ten");
				first.addBatch();
				first.executeBatch();
			}
			try (PreparedStatement second = held.prepareStatement(insert)) {
				second.setInt(1, 11);
				second.setString(2, "eleven");
				second.addBatch();
				assertThat(second.executeBatch()).containsExactly(1);
			}
			assertThat(names(held, "SELECT name FROM probe WHERE id >= ? ORDER BY id", 10)).containsExactly("ten", "eleven");
			// Three texts for room for two: the least recently used, byId, was closed and is compiled again.
			int before = compiled[0];
			assertThat(names(held, byId, 1)).containsExactly("one");
			assertThat(compiled[0]).isEqualTo(before + 1);

			cache.closeAll();
			// The connection stays open for its holder to give back.
			assertThat(raw.isClosed()).isFalse();
			assertThat(names(raw, byId, 2)).containsExactly("two");
		}
	}

	private static List<String> names(Connection connection, String sql, int id) throws SQLException {
		List<String> names = new ArrayList<>();
		try (PreparedStatement ps = connection.prepareStatement(sql)) {
			ps.setInt(1, id);
			try (ResultSet rows = ps.executeQuery()) {
				while (rows.next()) {
					names.add(rows.getString(1));
				}
			}
		}
		return names;
	}
}
