package org.optinel.core;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prepared statements kept open for one connection held by one thread ({@link Database#withPageCache}):
 * {@code prepareStatement(sql)} answers the statement prepared before for the same text when it is
 * not in use, and its {@code close()} clears it and keeps it. Neither sqlite-jdbc nor the pool
 * caches statements, and the group-commit writer spent 15 % of its time compiling the same few
 * statements again for every group. The least recently used beyond {@code capacity} are closed
 * (queries that name a list of ids have one text per list length). Not thread-safe, as the held
 * connection is used by one thread.
 */
final class StatementCache implements InvocationHandler {

	private final Connection target;

	private final int capacity;

	private final Map<String, PreparedStatement> idle;

	/** Statements handed out and not closed yet, to their text. */
	private final Map<PreparedStatement, String> inUse = new IdentityHashMap<>();

	private StatementCache(Connection target, int capacity) {
		this.target = target;
		this.capacity = capacity;
		this.idle = new LinkedHashMap<>(16, 0.75f, true);
	}

	/** A connection that caches the statements prepared through it, and the cache, to close at the end. */
	static StatementCache over(Connection target, int capacity) {
		return new StatementCache(target, capacity);
	}

	Connection connection() {
		return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] { Connection.class },
				this);
	}

	@Override
	public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
		if (method.getName().equals("prepareStatement") && args != null && args.length == 1) {
			return prepare((String) args[0]);
		}
		return call(target, method, args);
	}

	private PreparedStatement prepare(String sql) throws SQLException {
		// A text in use already (a query run while another one's rows are read) gets a statement of its own.
		PreparedStatement idleOne = idle.remove(sql);
		PreparedStatement real = idleOne != null ? idleOne : target.prepareStatement(sql);
		inUse.put(real, sql);
		return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
				new Class<?>[] { PreparedStatement.class }, (p, m, a) -> {
					if (m.getName().equals("close") && (a == null || a.length == 0)) {
						giveBack(real);
						return null;
					}
					return call(real, m, a);
				});
	}

	/** A statement closed by its user: cleared and kept, unless one for the same text is kept already. */
	private void giveBack(PreparedStatement statement) throws SQLException {
		String sql = inUse.remove(statement);
		if (sql == null) {
			return; // closed twice
		}
		if (idle.containsKey(sql)) {
			statement.close();
			return;
		}
		statement.clearParameters();
		statement.clearBatch();
		statement.setMaxRows(0);
		idle.put(sql, statement);
		if (idle.size() > capacity) {
			var eldest = idle.entrySet().iterator().next();
			idle.remove(eldest.getKey());
			eldest.getValue().close();
		}
	}

	/** Closes every statement, kept or still in use; the connection itself is left open. */
	void closeAll() throws SQLException {
		List<PreparedStatement> all = new ArrayList<>(idle.values());
		all.addAll(inUse.keySet());
		idle.clear();
		inUse.clear();
		SQLException first = null;
		for (PreparedStatement statement : all) {
			try {
				statement.close();
			}
			catch (SQLException e) {
				if (first == null) {
					first = e;
				}
			}
		}
		if (first != null) {
			throw first;
		}
	}

	private static Object call(Object target, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException e) {
			throw e.getCause();
		}
	}
}
