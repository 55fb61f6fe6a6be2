-- Inbound SMS, the replies they call for, and each tenant's keywords. Same conventions as V1:
-- portable types, UUIDv7 text ids, epoch-millisecond instants, tenant_id leading every key and index.

-- Every inbound message, kept as the evidence that suppressions, consent events and activities
-- point to. The provider's message id is the key: a message delivered twice is one message.
-- from_phone and text are personal data: erasure of the sender deletes them with the contact.
CREATE TABLE inbound_sms (
    tenant_id   VARCHAR(36)  NOT NULL REFERENCES tenant (tenant_id),
    message_id  VARCHAR(200) NOT NULL,
    provider    VARCHAR(16)  NOT NULL,
    from_phone  VARCHAR(16)  NOT NULL,
    to_address  VARCHAR(32)  NOT NULL,
    text        TEXT         NOT NULL,
    received_at BIGINT       NOT NULL,
    recorded_at BIGINT       NOT NULL,
    kind        VARCHAR(8)   NOT NULL, -- what the text asks for: OPT_OUT, OPT_IN, HELP, NONE
    keyword     VARCHAR(40),
    outcome     VARCHAR(24)  NOT NULL,
    contact_id  VARCHAR(36),
    PRIMARY KEY (tenant_id, message_id)
);

CREATE INDEX inbound_sms_from ON inbound_sms (tenant_id, from_phone, received_at);

-- Replies owed to inbound messages (opt-out and opt-in confirmations, help), waiting for the
-- outbox. At most one reply per inbound message; send_before is the latest useful send time
-- (US-03: an opt-out confirmation within 5 minutes, or not at all).
CREATE TABLE sms_reply (
    tenant_id   VARCHAR(36)   NOT NULL,
    reply_id    VARCHAR(36)   NOT NULL,
    to_phone    VARCHAR(16)   NOT NULL,
    from_address VARCHAR(32)  NOT NULL,
    kind        VARCHAR(24)   NOT NULL,
    text        VARCHAR(1000) NOT NULL,
    in_reply_to VARCHAR(200)  NOT NULL,
    created_at  BIGINT        NOT NULL,
    send_before BIGINT        NOT NULL,
    state       VARCHAR(12)   NOT NULL,
    PRIMARY KEY (tenant_id, reply_id),
    FOREIGN KEY (tenant_id, in_reply_to) REFERENCES inbound_sms (tenant_id, message_id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX sms_reply_in_reply_to ON sms_reply (tenant_id, in_reply_to);
CREATE INDEX sms_reply_state ON sms_reply (tenant_id, state, created_at);

-- A tenant's keywords (normalised words, one per line) and what its opt-in words grant: a JSON
-- object from opt-in word to a list of {purpose, noticeId}. No row: the defaults of KW-01..03.
CREATE TABLE sms_keywords (
    tenant_id      VARCHAR(36)  NOT NULL PRIMARY KEY REFERENCES tenant (tenant_id),
    opt_out        TEXT         NOT NULL,
    opt_in         TEXT         NOT NULL,
    help           TEXT         NOT NULL,
    opt_in_grants  TEXT         NOT NULL,
    sender_name    VARCHAR(100),
    updated_at     BIGINT       NOT NULL
);

-- The Twilio auth token with which a tenant's webhook requests are signed, sealed with the
-- service's master key (AES-256-GCM).
CREATE TABLE twilio_account (
    tenant_id          VARCHAR(36)  NOT NULL PRIMARY KEY REFERENCES tenant (tenant_id),
    sealed_auth_token  VARCHAR(400) NOT NULL,
    updated_at         BIGINT       NOT NULL
);
