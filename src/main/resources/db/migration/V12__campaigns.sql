-- Re-permission campaigns and the people they ask. Same conventions as V1: portable types, UUIDv7
-- text ids, epoch-millisecond instants, tenant_id leading every key and index.

-- A campaign: its definition (purposes, channel plan, questions, templates, reminders, what happens
-- at the deadline) as JSON, and where it stands: DRAFT, RUNNING, PAUSED, CLOSED.
CREATE TABLE campaign (
    tenant_id    VARCHAR(36)  NOT NULL REFERENCES tenant (tenant_id),
    campaign_id  VARCHAR(36)  NOT NULL,
    name         VARCHAR(200) NOT NULL,
    state        VARCHAR(12)  NOT NULL,
    definition   TEXT         NOT NULL,
    deadline     BIGINT       NOT NULL,
    created_at   BIGINT       NOT NULL,
    launched_at  BIGINT,
    closed_at    BIGINT,
    steps_done   VARCHAR(200) NOT NULL DEFAULT '', -- reminders already queued: r7,r1
    updated_at   BIGINT       NOT NULL,
    PRIMARY KEY (tenant_id, campaign_id)
);

-- Each person a launched campaign asks, the class that allowed asking (FR-12), the channel it asked
-- on, and what became of it: MESSAGED, CONFIRMED, DECLINED, OPTED_OUT, BOUNCED, NO_ANSWER, REMOVED.
-- The hashes find the recipient of an SMS answer; the token names it in the confirmation link.
CREATE TABLE campaign_recipient (
    tenant_id    VARCHAR(36)  NOT NULL,
    campaign_id  VARCHAR(36)  NOT NULL,
    contact_id   VARCHAR(36)  NOT NULL,
    ask_class    VARCHAR(40)  NOT NULL,
    channel      VARCHAR(8)   NOT NULL,
    phone_hash   VARCHAR(64),
    email_hash   VARCHAR(64),
    token        VARCHAR(64),  -- NULL once the recipient was removed
    state        VARCHAR(12)  NOT NULL,
    messaged_at  BIGINT       NOT NULL,
    answered_at  BIGINT,
    answer       VARCHAR(200),
    followed_up  BOOLEAN      NOT NULL DEFAULT FALSE, -- EMAIL_THEN_SMS: the SMS went
    PRIMARY KEY (tenant_id, campaign_id, contact_id),
    FOREIGN KEY (tenant_id, campaign_id) REFERENCES campaign (tenant_id, campaign_id)
);

CREATE UNIQUE INDEX campaign_recipient_token ON campaign_recipient (tenant_id, token);
CREATE INDEX campaign_recipient_phone ON campaign_recipient (tenant_id, phone_hash);
CREATE INDEX campaign_recipient_email ON campaign_recipient (tenant_id, email_hash);
-- "Already asked once" (FR-12): every campaign that asked a contact.
CREATE INDEX campaign_recipient_state ON campaign_recipient (tenant_id, campaign_id, state, messaged_at);
CREATE INDEX campaign_recipient_contact ON campaign_recipient (tenant_id, contact_id, ask_class);
