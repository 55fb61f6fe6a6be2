-- The outbox: every outbound message, written in the transaction that decided to send it, and the
-- provider's ids of its parts, which delivery receipts name. Same conventions as V1: portable types,
-- UUIDv7 text ids, epoch-millisecond instants, tenant_id leading every key and index.
--
-- recipient, subject and bodies are personal data: erasure of the contact deletes the rows.
-- state: QUEUED (waiting for next_attempt_at), SUBMITTING (being handed to the provider),
-- SENT, DELIVERED, UNDELIVERED, FAILED (refused for good or out of attempts), UNCERTAIN (may have
-- left; never sent again), BLOCKED (the decision right before sending said no), EXPIRED (not sent
-- before send_before).
CREATE TABLE outbox_message (
    tenant_id       VARCHAR(36)   NOT NULL REFERENCES tenant (tenant_id),
    message_id      VARCHAR(36)   NOT NULL,
    channel         VARCHAR(8)    NOT NULL,
    recipient       VARCHAR(320)  NOT NULL,
    recipient_hash  VARCHAR(64)   NOT NULL,
    contact_id      VARCHAR(36),
    purpose         VARCHAR(64),
    marketing       BOOLEAN       NOT NULL, -- carries the opt-out mention / List-Unsubscribe (FR-05, EM-01)
    repermission    BOOLEAN       NOT NULL, -- asks for consent (FR-12): may go without a basis, never after a no
    origin          VARCHAR(12)   NOT NULL, -- API, CAMPAIGN, REPLY
    origin_id       VARCHAR(200),
    dedupe_key      VARCHAR(200),
    sender          VARCHAR(320)  NOT NULL,
    sender_name     VARCHAR(200),
    subject         VARCHAR(998),
    body_text       TEXT          NOT NULL,
    body_html       TEXT,
    state           VARCHAR(12)   NOT NULL,
    attempts        INTEGER       NOT NULL,
    next_attempt_at BIGINT        NOT NULL,
    send_before     BIGINT,
    provider        VARCHAR(16),
    provider_ids    TEXT,
    reason          VARCHAR(1000),
    created_at      BIGINT        NOT NULL,
    updated_at      BIGINT        NOT NULL,
    submitted_at    BIGINT,
    PRIMARY KEY (tenant_id, message_id)
);

-- What each channel's dispatcher claims next, oldest due first.
CREATE INDEX outbox_due ON outbox_message (tenant_id, channel, state, next_attempt_at);
-- A message asked for twice (a retried API call, a campaign step run again) is one message.
CREATE UNIQUE INDEX outbox_dedupe ON outbox_message (tenant_id, dedupe_key);
CREATE INDEX outbox_contact ON outbox_message (tenant_id, contact_id);
CREATE INDEX outbox_origin ON outbox_message (tenant_id, origin, origin_id);

-- One row per part the provider accepted, keyed by the id the provider gave it: delivery receipts
-- find their message here.
CREATE TABLE outbox_part (
    tenant_id    VARCHAR(36)  NOT NULL,
    provider_id  VARCHAR(200) NOT NULL,
    message_id   VARCHAR(36)  NOT NULL,
    state        VARCHAR(16),
    reported_at  BIGINT,
    PRIMARY KEY (tenant_id, provider_id),
    FOREIGN KEY (tenant_id, message_id) REFERENCES outbox_message (tenant_id, message_id) ON DELETE CASCADE
);

CREATE INDEX outbox_part_message ON outbox_part (tenant_id, message_id);
