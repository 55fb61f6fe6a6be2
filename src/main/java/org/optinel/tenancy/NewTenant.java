package org.optinel.tenancy;

/**
 * What is needed to create a tenant; blank optional fields take the defaults (region {@code FR},
 * zone {@code Europe/Paris}, jurisdiction {@code FR}).
 */
public record NewTenant(String name, String defaultRegion, String timeZone, String jurisdiction) {
}
