package org.optinel.messaging.outbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.optinel.OptinelApplication;
import org.optinel.testing.Databases;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The service does not start with the SMTP provider unless its public base URL is HTTPS: every
 * marketing email's one-click link is built on it, and EM-01 allows no other. The whole
 * application is started, on a fresh SQLite file, as an operator would start it.
 */
class OutboxEmailStartupIntegrationTests {

	@ParameterizedTest(name = "optinel.messaging.public-base-url=''{0}''")
	@ValueSource(strings = { "http://optinel.example", "" })
	@DisplayName("EM-01: with optinel.email.provider=smtp, a public base URL that is not HTTPS stops the start-up and is named")
	void theSmtpProviderRefusesToStartWithoutAnHttpsPublicBaseUrl(String publicBaseUrl) {
		Path dataDir = Databases.newDataDir();
		List<String> args = new ArrayList<>(List.of("--optinel.data-dir=" + dataDir,
				"--spring.datasource.url=" + Databases.newSqliteUrl(dataDir), "--server.address=127.0.0.1",
				"--server.port=0", "--optinel.email.provider=smtp", "--spring.mail.host=127.0.0.1",
				"--spring.mail.port=25"));
		if (!publicBaseUrl.isEmpty()) {
			args.add("--optinel.messaging.public-base-url=" + publicBaseUrl);
		}

		Throwable refused = catchThrowable(() -> {
			try (ConfigurableApplicationContext started = new SpringApplicationBuilder(OptinelApplication.class)
				.web(WebApplicationType.SERVLET)
				.bannerMode(Banner.Mode.OFF)
				.logStartupInfo(false)
				.run(args.toArray(String[]::new))) {
				// started: the assertion below says what was wrong
			}
		});

		assertThat(refused).as("the start-up").isNotNull();
		Throwable cause = refused;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		assertThat(cause).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("optinel.messaging.public-base-url")
			.hasMessageContaining("https")
			.hasMessageContaining("EM-01");
	}
}
