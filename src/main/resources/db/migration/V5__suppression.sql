-- The suppression list, the per-tenant secret of its keyed hashes, and the contacts' hashes.
-- Same conventions as V1: portable types, epoch-millisecond instants, tenant_id leading every key.

-- Secrets a tenant's data is keyed with, sealed (AES-256-GCM) with the service's master key.
-- purpose 'IDENTIFIER_HMAC': the HMAC-SHA256 key of phone and email hashes (FR-10).
CREATE TABLE tenant_secret (
    tenant_id     VARCHAR(36)  NOT NULL REFERENCES tenant (tenant_id),
    purpose       VARCHAR(32)  NOT NULL,
    sealed_secret VARCHAR(200) NOT NULL, -- base64 of nonce || AES-GCM(secret)
    created_at    BIGINT       NOT NULL,
    PRIMARY KEY (tenant_id, purpose)
);

-- Opt-outs that override everything (GDPR-07). identifier_hash is the lower-case hex HMAC-SHA256 of
-- the E.164 phone or the lower-cased email under the tenant's secret: never the identifier itself,
-- and no foreign key to contact, so an entry outlives the erased contact (FR-10). channel is 'SMS',
-- 'EMAIL' or 'ALL'. An entry is active while lifted_at is null; only the person can lift it (KW-02).
CREATE TABLE suppression (
    tenant_id       VARCHAR(36) NOT NULL REFERENCES tenant (tenant_id),
    identifier_hash VARCHAR(64) NOT NULL,
    channel         VARCHAR(8)  NOT NULL,
    identifier_kind VARCHAR(8)  NOT NULL DEFAULT 'UNKNOWN', -- PHONE, EMAIL, or UNKNOWN (added by hash alone)
    reason          VARCHAR(20) NOT NULL,
    evidence        TEXT        NOT NULL,
    created_at      BIGINT      NOT NULL,
    lifted_at       BIGINT,
    PRIMARY KEY (tenant_id, identifier_hash, channel)
);

-- Every add and lift, never updated or deleted: what the suppression table says now, and why.
-- No index on the hash: the history is read rarely (an audit), and a bulk list of opt-outs would
-- pay for a random-key index on every row.
CREATE TABLE suppression_history (
    tenant_id       VARCHAR(36) NOT NULL,
    event_id        VARCHAR(36) NOT NULL,
    identifier_hash VARCHAR(64) NOT NULL,
    channel         VARCHAR(8)  NOT NULL,
    action          VARCHAR(8)  NOT NULL, -- ADD or LIFT
    reason          VARCHAR(20),
    evidence        TEXT        NOT NULL,
    occurred_at     BIGINT      NOT NULL,
    PRIMARY KEY (tenant_id, event_id)
);

-- The contacts' keyed hashes, for screening against the suppression list. Filled on create, change
-- and import; rows written before this migration are filled at start-up. No index: screening
-- probes the suppression table's primary key from the contact, not the other way round.
ALTER TABLE contact ADD COLUMN phone_hash VARCHAR(64);
ALTER TABLE contact ADD COLUMN email_hash VARCHAR(64);

-- How many created or updated contacts of an import are on the suppression list (and stay so).
ALTER TABLE import_job ADD COLUMN contacts_suppressed BIGINT NOT NULL DEFAULT 0;
