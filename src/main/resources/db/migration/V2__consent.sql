-- Consent: purposes, notices, the hash-chained ledger, its evidence and the projected states.
-- Same conventions as V1: portable types, UUIDv7 text ids, epoch-millisecond instants, tenant_id
-- leading every key and index.

CREATE TABLE purpose (
    tenant_id        VARCHAR(36)   NOT NULL REFERENCES tenant (tenant_id),
    purpose_key      VARCHAR(64)   NOT NULL,
    name             VARCHAR(200)  NOT NULL,
    description      VARCHAR(2000),
    kind             VARCHAR(16)   NOT NULL,
    similar_products BOOLEAN       NOT NULL DEFAULT FALSE,
    created_at       BIGINT        NOT NULL,
    PRIMARY KEY (tenant_id, purpose_key)
);

-- The exact texts shown when consent was asked. Rows are never updated or deleted: a new text is
-- a new version. sha256 is the hex SHA-256 of the UTF-8 text, the value the ledger commits to.
CREATE TABLE notice (
    tenant_id   VARCHAR(36) NOT NULL,
    notice_id   VARCHAR(36) NOT NULL,
    purpose_key VARCHAR(64) NOT NULL,
    language    VARCHAR(35) NOT NULL,
    version     INTEGER     NOT NULL,
    text        TEXT        NOT NULL,
    sha256      VARCHAR(64) NOT NULL,
    created_at  BIGINT      NOT NULL,
    PRIMARY KEY (tenant_id, notice_id),
    FOREIGN KEY (tenant_id, purpose_key) REFERENCES purpose (tenant_id, purpose_key)
);

CREATE UNIQUE INDEX notice_version ON notice (tenant_id, purpose_key, language, version);

-- The end of each tenant's chain. Appends lock this row, which serialises them per tenant.
CREATE TABLE consent_head (
    tenant_id VARCHAR(36) NOT NULL PRIMARY KEY REFERENCES tenant (tenant_id),
    seq       BIGINT      NOT NULL,
    hash      VARCHAR(64) NOT NULL
);

-- The ledger: append-only, never updated. No personal data but the contact's opaque id, and no
-- foreign key to contact: the ledger outlives an erased contact (GDPR-10, EDPB-03).
-- hash = SHA-256 of the canonical encoding of the other columns (see ConsentChain).
CREATE TABLE consent_event (
    tenant_id       VARCHAR(36) NOT NULL,
    seq             BIGINT      NOT NULL,
    event_id        VARCHAR(36) NOT NULL,
    contact_id      VARCHAR(36) NOT NULL,
    channel         VARCHAR(8)  NOT NULL,
    purpose_key     VARCHAR(64) NOT NULL,
    action          VARCHAR(8)  NOT NULL,
    source          VARCHAR(20) NOT NULL,
    notice_id       VARCHAR(36),
    notice_sha256   VARCHAR(64),
    proven          BOOLEAN     NOT NULL,
    occurred_at     BIGINT      NOT NULL,
    recorded_at     BIGINT      NOT NULL,
    evidence_sha256 VARCHAR(64),
    prev_hash       VARCHAR(64) NOT NULL,
    hash            VARCHAR(64) NOT NULL,
    PRIMARY KEY (tenant_id, seq)
);

CREATE UNIQUE INDEX consent_event_id ON consent_event (tenant_id, event_id);
CREATE INDEX consent_event_contact ON consent_event (tenant_id, contact_id, seq);

-- Evidence that is personal data (IP, user agent, phone, message text), beside the chain. The
-- document is canonical JSON with a random salt; the event commits to the SHA-256 of its UTF-8
-- bytes, so erasing the row later leaves the chain intact.
CREATE TABLE consent_evidence (
    tenant_id VARCHAR(36) NOT NULL,
    event_id  VARCHAR(36) NOT NULL,
    source    VARCHAR(20) NOT NULL,
    document  TEXT        NOT NULL,
    PRIMARY KEY (tenant_id, event_id)
);

-- The current answer per contact, channel and purpose: the latest event by occurred_at, then seq.
-- Written in the same transaction as each append; rebuildable from the ledger.
CREATE TABLE consent_state (
    tenant_id   VARCHAR(36) NOT NULL,
    contact_id  VARCHAR(36) NOT NULL,
    channel     VARCHAR(8)  NOT NULL,
    purpose_key VARCHAR(64) NOT NULL,
    status      VARCHAR(12) NOT NULL,
    since       BIGINT      NOT NULL,
    seq         BIGINT      NOT NULL,
    PRIMARY KEY (tenant_id, contact_id, channel, purpose_key)
);
