-- Expired idempotency keys are swept tenant by tenant: the expiry index leads with tenant_id, as
-- every index does, so that the schema distributes by tenant.
DROP INDEX idempotency_key_expiry;
CREATE INDEX idempotency_key_expiry ON idempotency_key (tenant_id, expires_at);
