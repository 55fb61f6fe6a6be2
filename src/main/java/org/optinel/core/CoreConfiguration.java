package org.optinel.core;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one clock, the id generator and the phone parser. Tests may add a {@code @Primary} clock. */
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
}
