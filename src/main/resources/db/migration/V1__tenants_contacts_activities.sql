-- One schema for SQLite and PostgreSQL: portable types only.
-- Identifiers are UUIDv7 text; instants are epoch milliseconds (UTC) in BIGINT columns.
-- tenant_id leads every primary key and every index, so that the schema distributes by tenant.

CREATE TABLE tenant (
    tenant_id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    name                  VARCHAR(200) NOT NULL,
    default_region        VARCHAR(2)   NOT NULL,
    time_zone             VARCHAR(64)  NOT NULL,
    jurisdiction          VARCHAR(8)   NOT NULL,
    client_window_months  INTEGER      NOT NULL DEFAULT 12,
    client_activity_types VARCHAR(200) NOT NULL DEFAULT 'PURCHASE',
    created_at            BIGINT       NOT NULL
);

-- Keys are stored as SHA-256 hex of a 256-bit secret. No index on key_hash: every index leads
-- with tenant_id, the table is small, and verified keys are cached in memory.
CREATE TABLE api_key (
    tenant_id  VARCHAR(36) NOT NULL REFERENCES tenant (tenant_id),
    key_id     VARCHAR(36) NOT NULL,
    key_hash   VARCHAR(64) NOT NULL,
    label      VARCHAR(100),
    created_at BIGINT      NOT NULL,
    revoked_at BIGINT,
    PRIMARY KEY (tenant_id, key_id)
);

-- Provenance of every import: which file, declared origin, and what came of it.
CREATE TABLE import_job (
    tenant_id      VARCHAR(36)  NOT NULL REFERENCES tenant (tenant_id),
    import_id      VARCHAR(36)  NOT NULL,
    kind           VARCHAR(16)  NOT NULL,
    file_name      VARCHAR(255) NOT NULL,
    origin         VARCHAR(500) NOT NULL,
    column_map     VARCHAR(2000) NOT NULL DEFAULT '',
    file_sha256    VARCHAR(64),
    status         VARCHAR(16)  NOT NULL,
    rows_total     BIGINT       NOT NULL DEFAULT 0,
    rows_read      BIGINT       NOT NULL DEFAULT 0,
    rows_accepted  BIGINT       NOT NULL DEFAULT 0,
    rows_rejected  BIGINT       NOT NULL DEFAULT 0,
    contacts_created BIGINT     NOT NULL DEFAULT 0,
    contacts_updated BIGINT     NOT NULL DEFAULT 0,
    contacts_unchanged BIGINT   NOT NULL DEFAULT 0,
    activities_added BIGINT     NOT NULL DEFAULT 0,
    failure        VARCHAR(1000),
    created_at     BIGINT       NOT NULL,
    started_at     BIGINT,
    finished_at    BIGINT,
    PRIMARY KEY (tenant_id, import_id)
);

CREATE TABLE import_error (
    tenant_id   VARCHAR(36)  NOT NULL,
    import_id   VARCHAR(36)  NOT NULL,
    line        BIGINT       NOT NULL,
    column_name VARCHAR(100) NOT NULL, -- '' when the row as a whole is at fault
    reason      VARCHAR(1000) NOT NULL,
    PRIMARY KEY (tenant_id, import_id, line, column_name),
    FOREIGN KEY (tenant_id, import_id) REFERENCES import_job (tenant_id, import_id) ON DELETE CASCADE
);

CREATE TABLE contact (
    tenant_id         VARCHAR(36)  NOT NULL REFERENCES tenant (tenant_id),
    contact_id        VARCHAR(36)  NOT NULL,
    external_ref      VARCHAR(200),
    email             VARCHAR(254),
    email_key         VARCHAR(254),
    phone             VARCHAR(16),
    first_name        VARCHAR(200),
    last_name         VARCHAR(200),
    locale            VARCHAR(35),
    country           VARCHAR(2),
    professional      BOOLEAN      NOT NULL DEFAULT FALSE,
    collected_in_sale BOOLEAN      NOT NULL DEFAULT FALSE,
    opt_out_offered   BOOLEAN      NOT NULL DEFAULT FALSE,
    import_id         VARCHAR(36),
    created_at        BIGINT       NOT NULL,
    updated_at        BIGINT       NOT NULL,
    PRIMARY KEY (tenant_id, contact_id)
);

-- One contact per phone, per email (case-insensitive) and per external reference in a tenant.
CREATE UNIQUE INDEX contact_phone ON contact (tenant_id, phone) WHERE phone IS NOT NULL;
CREATE UNIQUE INDEX contact_email ON contact (tenant_id, email_key) WHERE email_key IS NOT NULL;
CREATE UNIQUE INDEX contact_external_ref ON contact (tenant_id, external_ref) WHERE external_ref IS NOT NULL;

-- What the contact did. The natural key makes re-imports idempotent: the same act at the same
-- instant is one act.
CREATE TABLE activity (
    tenant_id   VARCHAR(36) NOT NULL,
    contact_id  VARCHAR(36) NOT NULL,
    type        VARCHAR(16) NOT NULL,
    occurred_at BIGINT      NOT NULL,
    recorded_at BIGINT      NOT NULL,
    import_id   VARCHAR(36),
    PRIMARY KEY (tenant_id, contact_id, type, occurred_at),
    FOREIGN KEY (tenant_id, contact_id) REFERENCES contact (tenant_id, contact_id) ON DELETE CASCADE
);
