-- Eligibility: the tenants' sending windows and the indexes that make the audience a set operation.
-- Same conventions as V1: portable types, epoch-millisecond instants, tenant_id leading every key.

-- A tenant's sending window for marketing SMS per country rule set (FRANCE, UNITED_STATES), in
-- minutes of the recipient's local day, end exclusive. Absent: the defaults (FR-07, US-05). The
-- application refuses windows outside the hard limits.
CREATE TABLE sending_window (
    tenant_id    VARCHAR(36) NOT NULL REFERENCES tenant (tenant_id),
    regime       VARCHAR(16) NOT NULL,
    start_minute INTEGER     NOT NULL,
    end_minute   INTEGER     NOT NULL,
    updated_at   BIGINT      NOT NULL,
    PRIMARY KEY (tenant_id, regime)
);

-- The audience query walks a tenant's contacts in id order and reads nothing else of the row:
-- the address hashes for the suppression anti-join, the soft opt-in and B2B flags, and the phone
-- for its time zone.
CREATE INDEX contact_eligibility ON contact (tenant_id, contact_id, phone_hash, email_hash, professional,
    collected_in_sale, opt_out_offered, phone);

-- The answers for one channel and purpose, in contact order, without touching the table.
CREATE INDEX consent_state_audience ON consent_state (tenant_id, channel, purpose_key, contact_id, status, since);
