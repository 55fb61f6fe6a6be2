/**
 * Tenants (the businesses using Optinel), their settings and their API keys. Every other module
 * asks this one who is calling and under which tenant's rules.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Tenancy", allowedDependencies = "core")
package org.optinel.tenancy;
