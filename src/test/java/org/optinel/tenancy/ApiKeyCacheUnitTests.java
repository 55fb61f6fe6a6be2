package org.optinel.tenancy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.optinel.core.Ids;
import org.optinel.core.TenantId;
import org.optinel.testing.SteppedClock;

import static org.assertj.core.api.Assertions.assertThat;

/** A verified API key is trusted from memory for the cache period, then checked against the stored hash again. */
class ApiKeyCacheUnitTests {

	private static final String KEY = "opt_a-live-key-of-the-tenant-0123456789";

	private static final TenantId TENANT = TenantId.of("01a22921-b01e-7000-8520-75f5504c0863");

	private final SteppedClock clock = new SteppedClock(Instant.parse("2026-11-29T10:00:00Z"));

	private final CountingTenants store = new CountingTenants(TenantManagement.hash(KEY), TENANT);

	private final TenantManagement management = new TenantManagement(store, new Ids(clock), clock,
			new TenancyProperties(null, null, null, Path.of("key.txt"), 60, null, Path.of("master.key")));

	@Test
	void aVerifiedKeyIsAnsweredFromMemoryUntilTheCachePeriodEnds() {
		assertThat(management.authenticate(KEY)).contains(TENANT);
		clock.advance(Duration.ofSeconds(59));
		assertThat(management.authenticate(KEY)).contains(TENANT);
		assertThat(store.lookups).containsExactly(TenantManagement.hash(KEY));

		clock.advance(Duration.ofSeconds(2));
		assertThat(management.authenticate(KEY)).contains(TENANT);
		assertThat(store.lookups).hasSize(2);
	}

	@Test
	void aKeyNoLongerStoredIsRefusedOnceTheCachePeriodEnds() {
		assertThat(management.authenticate(KEY)).contains(TENANT);
		store.live = false;
		clock.advance(Duration.ofSeconds(61));

		assertThat(management.authenticate(KEY)).isEmpty();
		assertThat(management.authenticate(KEY)).isEmpty();
		assertThat(store.lookups).hasSize(3);
	}

	@Test
	void anUnknownKeyIsCheckedEveryTimeAndNeverRemembered() {
		assertThat(management.authenticate(KEY + "x")).isEmpty();
		assertThat(management.authenticate(KEY + "x")).isEmpty();
		assertThat(management.authenticate(" ")).isEmpty();

		assertThat(store.lookups).containsExactly(TenantManagement.hash(KEY + "x"), TenantManagement.hash(KEY + "x"));
	}

	private static final class CountingTenants implements Tenants {

		private final String keyHash;

		private final TenantId tenant;

		final List<String> lookups = new ArrayList<>();

		boolean live = true;

		CountingTenants(String keyHash, TenantId tenant) {
			this.keyHash = keyHash;
			this.tenant = tenant;
		}

		@Override
		public Optional<TenantId> findByKeyHash(String hash) {
			lookups.add(hash);
			return live && keyHash.equals(hash) ? Optional.of(tenant) : Optional.empty();
		}

		@Override
		public Optional<Tenant> find(TenantId id) {
			return Optional.empty();
		}

		@Override
		public List<Tenant> findByName(String name) {
			return List.of();
		}

		@Override
		public List<TenantId> allIds() {
			return List.of();
		}

		@Override
		public boolean isEmpty() {
			return false;
		}

		@Override
		public void insert(Tenant tenant) {
		}

		@Override
		public void insertKey(TenantId tenant, String keyId, String keyHash, String label, Instant createdAt) {
		}
	}
}
