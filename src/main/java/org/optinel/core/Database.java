package org.optinel.core;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/** Which database Optinel runs on, for the few places where SQLite and PostgreSQL must differ. */
@Component
public class Database {

	/** The supported databases. */
	public enum Vendor {
		SQLITE, POSTGRESQL
	}

	private final DataSource dataSource;

	private volatile Vendor vendor;

	Database(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	public Vendor vendor() {
		Vendor known = vendor;
		if (known == null) {
			Connection connection = DataSourceUtils.getConnection(dataSource);
			try {
				String product = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
				known = product.contains("sqlite") ? Vendor.SQLITE : Vendor.POSTGRESQL;
				vendor = known;
			}
			catch (SQLException e) {
				throw new IllegalStateException("Cannot read the database product name", e);
			}
			finally {
				DataSourceUtils.releaseConnection(connection, dataSource);
			}
		}
		return known;
	}

	public boolean isSqlite() {
		return vendor() == Vendor.SQLITE;
	}
}
