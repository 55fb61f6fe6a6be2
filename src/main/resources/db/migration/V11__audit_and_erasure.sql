-- The audit log, and the indexes that let erasure find a contact's messages. Same conventions as V1:
-- portable types, UUIDv7 text ids, epoch-millisecond instants, tenant_id leading every key and index.

-- Every admin and system action that touches personal data (GDPR-12, art. 5(2)). Append-only: the
-- application has no statement that updates or deletes a row. No personal data: target is an opaque
-- id (a contact, a campaign, a purge), details a JSON object of counts, reasons and settings.
CREATE TABLE audit_log (
    tenant_id VARCHAR(36)  NOT NULL REFERENCES tenant (tenant_id),
    entry_id  VARCHAR(36)  NOT NULL,
    at        BIGINT       NOT NULL,
    actor     VARCHAR(64)  NOT NULL, -- api-key, operator, scheduler, cli
    action    VARCHAR(64)  NOT NULL, -- CONTACT_ERASED, RETENTION_PURGE, ...
    target    VARCHAR(200),
    count     BIGINT       NOT NULL,
    details   TEXT         NOT NULL,
    PRIMARY KEY (tenant_id, entry_id)
);

-- The log of one action, newest first.
CREATE INDEX audit_log_action ON audit_log (tenant_id, action, entry_id);

-- Erasure of a contact (GDPR-10) deletes the inbound messages it sent (by contact id, and by number
-- for those from no known contact) with the replies to them, and the outbox messages to it (by
-- contact id, and by the keyed hash of its address for those sent without a contact id).
CREATE INDEX inbound_sms_contact ON inbound_sms (tenant_id, contact_id);
CREATE INDEX outbox_recipient ON outbox_message (tenant_id, recipient_hash);
