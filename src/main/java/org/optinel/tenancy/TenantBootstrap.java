package org.optinel.tenancy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On the first start against an empty database, creates the first tenant: the scripted one when
 * {@code OPTINEL_BOOTSTRAP_TENANT} and {@code OPTINEL_BOOTSTRAP_API_KEY} are set, otherwise a
 * {@code Default} tenant whose generated key is printed once on the console and written to a file
 * only its owner can read. The key never goes to the log.
 */
@Component
@Order(0)
class TenantBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(TenantBootstrap.class);

	private final TenantManagement management;

	private final TenancyProperties properties;

	TenantBootstrap(TenantManagement management, TenancyProperties properties) {
		this.management = management;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!management.noTenantYet()) {
			return;
		}
		if (properties.bootstrapTenant() != null) {
			IssuedTenant issued = management.create(new NewTenant(properties.bootstrapTenant(), null, null, null),
					properties.bootstrapApiKey());
			log.info("Created tenant '{}' ({}) with the API key from OPTINEL_BOOTSTRAP_API_KEY", issued.tenant().name(),
					issued.tenant().id());
			return;
		}
		IssuedTenant issued = management.create(new NewTenant("Default", null, null, null));
		Path file = writeOwnerOnly(properties.initialKeyFile(), "tenant=" + issued.tenant().id() + "\napiKey="
				+ issued.apiKey() + "\n");
		log.info("Created tenant 'Default' ({}); its API key is in {}", issued.tenant().id(), file.toAbsolutePath());
		// Printed on the console, not logged: shown once, kept out of log files.
		System.out.printf("%n  Optinel: first start. Tenant 'Default' (%s) was created.%n  API key (shown once, also in %s):%n%n    %s%n%n",
				issued.tenant().id(), file.toAbsolutePath(), issued.apiKey());
	}

	private static Path writeOwnerOnly(Path file, String content) {
		try {
			Path parent = file.toAbsolutePath().getParent();
			Files.createDirectories(parent);
			if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
				Files.deleteIfExists(file);
				Files.createFile(file, PosixFilePermissions.asFileAttribute(Set.of(
						java.nio.file.attribute.PosixFilePermission.OWNER_READ,
						java.nio.file.attribute.PosixFilePermission.OWNER_WRITE)));
			}
			Files.writeString(file, content, StandardCharsets.UTF_8);
			return file;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not write the initial API key to " + file, e);
		}
	}
}
