package org.optinel.core;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The one clock, the id generator, the phone parser and the transaction manager. Tests may add a
 * {@code @Primary} clock. Scheduling is on for the modules' periodic sweeps.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
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
