package org.optinel.core;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock, the id generator, the phone parser and the transaction manager. Tests may add a
 * {@code @Primary} clock.
 */
@Configuration(proxyBeanMethods = false)
class CoreConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	Ids ids(Clock clock) {
		return new Ids(clock);
	}

	@Bean
	PhoneNumbers phoneNumbers() {
		return new PhoneNumbers();
	}

	/** Replaces Boot's transaction manager: see {@link SerialisingTransactionManager}. */
	@Bean
	SerialisingTransactionManager transactionManager(DataSource dataSource, Database database) {
		return new SerialisingTransactionManager(dataSource, database);
	}
}
