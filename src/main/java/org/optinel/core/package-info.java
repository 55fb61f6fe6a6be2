/**
 * Shared kernel: value types every module speaks (tenant ids, E.164 phones, email addresses),
 * identifiers, the problem model and the injected {@link java.time.Clock}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Core", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.optinel.core;
