-- Hosted consent forms. Same conventions as V1: portable types, UUIDv7 text ids, epoch-millisecond
-- instants, tenant_id leading every key and index.

-- Every version of every form: a change never rewrites a version, it adds the next one, so that the
-- version a consent's evidence names (form id and version) always reads as the page was shown. The
-- definition (asks with their notice ids, fields, brand, links, terms) is kept as JSON.
CREATE TABLE hosted_form (
    tenant_id   VARCHAR(36)  NOT NULL REFERENCES tenant (tenant_id),
    form_id     VARCHAR(36)  NOT NULL,
    version     INTEGER      NOT NULL,
    name        VARCHAR(200) NOT NULL,
    definition  TEXT         NOT NULL,
    created_at  BIGINT       NOT NULL,
    PRIMARY KEY (tenant_id, form_id, version)
);
