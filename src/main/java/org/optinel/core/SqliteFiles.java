package org.optinel.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Creates the folder of an SQLite database file before the first connection, so that
 * {@code ./mvnw spring-boot:run} works on a fresh checkout. Does nothing for other databases.
 */
@Component
class SqliteFiles implements BeanPostProcessor {

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null) {
			createFolderOf(hikari.getJdbcUrl());
		}
		return bean;
	}

	static void createFolderOf(String jdbcUrl) {
		if (!jdbcUrl.startsWith("jdbc:sqlite:") || jdbcUrl.contains(":memory:") || jdbcUrl.contains("mode=memory")) {
			return;
		}
		String file = jdbcUrl.substring("jdbc:sqlite:".length());
		int query = file.indexOf('?');
		if (query >= 0) {
			file = file.substring(0, query);
		}
		if (file.startsWith("file:")) {
			file = file.substring("file:".length());
		}
		Path parent = Path.of(file).toAbsolutePath().getParent();
		try {
			Files.createDirectories(parent);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot create the folder " + parent + " for the SQLite database " + jdbcUrl, e);
		}
	}
}
