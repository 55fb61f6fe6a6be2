-- Double opt-in and safe retries. Same conventions as V2: portable types, UUIDv7 text ids,
-- epoch-millisecond instants, tenant_id leading every key.

-- A pending grant awaits the person's confirmation; a confirming grant names the pending one.
-- Both are chained (ConsentChain, format 2); events without them keep format 1 and their hashes.
ALTER TABLE consent_event ADD COLUMN pending BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE consent_event ADD COLUMN confirms_event_id VARCHAR(36);

-- The channels on which a grant for a purpose must be confirmed before it counts.
CREATE TABLE purpose_double_opt_in (
    tenant_id   VARCHAR(36) NOT NULL,
    purpose_key VARCHAR(64) NOT NULL,
    channel     VARCHAR(8)  NOT NULL,
    PRIMARY KEY (tenant_id, purpose_key, channel),
    FOREIGN KEY (tenant_id, purpose_key) REFERENCES purpose (tenant_id, purpose_key)
);

-- One confirmation per pending grant: only the SHA-256 of its secret (salted for a code) is kept.
CREATE TABLE consent_confirmation (
    tenant_id        VARCHAR(36) NOT NULL,
    event_id         VARCHAR(36) NOT NULL,
    method           VARCHAR(12) NOT NULL,
    salt             VARCHAR(32) NOT NULL,
    secret_sha256    VARCHAR(64) NOT NULL,
    attempts         INTEGER     NOT NULL DEFAULT 0,
    created_at       BIGINT      NOT NULL,
    expires_at       BIGINT      NOT NULL,
    confirmed_by     VARCHAR(36),
    PRIMARY KEY (tenant_id, event_id)
);

-- Responses kept for retries that carry an Idempotency-Key. The primary key is the guard: a
-- concurrent retry waits on the first one's insert and then reads its response.
CREATE TABLE idempotency_key (
    tenant_id      VARCHAR(36)  NOT NULL,
    idem_key       VARCHAR(255) NOT NULL,
    request_sha256 VARCHAR(64)  NOT NULL,
    status         INTEGER      NOT NULL,
    location       VARCHAR(500),
    body           TEXT,
    created_at     BIGINT       NOT NULL,
    expires_at     BIGINT       NOT NULL,
    PRIMARY KEY (tenant_id, idem_key)
);

CREATE INDEX idempotency_key_expiry ON idempotency_key (expires_at);
