package org.optinel;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The module boundaries of DESIGN.md hold: no module reaches into another's internals. */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(OptinelApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		modules.verify();
	}

	@Test
	void writesTheModuleDocumentation() {
		new Documenter(modules).writeDocumentation();
	}
}
