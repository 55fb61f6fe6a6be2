-- The origins whose messages must not go out: a paused campaign (its queued messages move to
-- HELD) or a closed one (they move to EXPIRED). A message that was being sent at that moment and
-- comes back to the queue (a temporary failure, a deferral to the sending window) is settled in
-- returns_as instead of QUEUED, so that it never leaves after the pause or the close.
CREATE TABLE outbox_hold (
    tenant_id  VARCHAR(36)  NOT NULL REFERENCES tenant (tenant_id),
    origin     VARCHAR(12)  NOT NULL,
    origin_id  VARCHAR(200) NOT NULL,
    returns_as VARCHAR(12)  NOT NULL, -- HELD (paused) or EXPIRED (closed)
    held_at    BIGINT       NOT NULL,
    PRIMARY KEY (tenant_id, origin, origin_id)
);
