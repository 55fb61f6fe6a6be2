-- Sender profiles: how a tenant's messages name their sender and say how to stop (EP-03, FR-05,
-- FR-06), and the numbers its SMS replies arrive on. Same conventions as V1: portable types,
-- epoch-millisecond instants, tenant_id leading every key. No row: the defaults (the tenant's name
-- as the brand, no SMS sender, missing mentions appended).

-- The cost of one SMS segment is a decimal kept as text (0.045): exact on both databases, where
-- SQLite would turn a NUMERIC into a floating-point REAL.
CREATE TABLE sender_profile (
    tenant_id            VARCHAR(36)  NOT NULL PRIMARY KEY REFERENCES tenant (tenant_id),
    brand                VARCHAR(50)  NOT NULL,
    sms_sender_id        VARCHAR(11),
    sms_opt_out_mention  VARCHAR(60),
    opt_out_mode         VARCHAR(8)   NOT NULL, -- APPEND or REFUSE
    email_from_address   VARCHAR(254),
    email_from_name      VARCHAR(100),
    sms_cost_per_segment VARCHAR(24),
    sms_cost_currency    VARCHAR(3),
    updated_at           BIGINT       NOT NULL
);

-- The short codes (digits) and long numbers (E.164) on which a tenant receives SMS replies, in the
-- tenant's order. A number may belong to several tenants: French shared short codes do. Routing a
-- reply reads them all into memory, so there is no index on the number alone.
CREATE TABLE sender_inbound_number (
    tenant_id      VARCHAR(36) NOT NULL REFERENCES sender_profile (tenant_id) ON DELETE CASCADE,
    inbound_number VARCHAR(16) NOT NULL,
    ordinal        INTEGER     NOT NULL,
    PRIMARY KEY (tenant_id, inbound_number)
);
