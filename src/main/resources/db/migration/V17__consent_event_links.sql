-- Each append wrote one entry at a random place in consent_event_contact (events arrive for contacts
-- in any order), and a batch rewrote thousands of that index's pages at every commit: about a third
-- of a bulk append's time. The events of a contact are found through links instead, written with
-- the append, which now only adds rows at the end of the ledger:
--   consent_event.key_prev_seq: the previous event of the same contact, channel and purpose
--                               (null for the first);
--   consent_state.last_seq:     the last event of that contact, channel and purpose, whichever
--                               answer holds.
-- A contact's events are the walk from its states' last_seq back along key_prev_seq. Verifying the
-- ledger checks every link (ConsentManagement.verify), so a changed link cannot hide an event from
-- a proof unnoticed.
ALTER TABLE consent_event ADD COLUMN key_prev_seq BIGINT;
ALTER TABLE consent_state ADD COLUMN last_seq BIGINT NOT NULL DEFAULT 0;

-- Both filled in once for the events and states already stored, while the old index still serves
-- the lookups.
UPDATE consent_event
   SET key_prev_seq = (SELECT max(p.seq) FROM consent_event p
                        WHERE p.tenant_id = consent_event.tenant_id AND p.contact_id = consent_event.contact_id
                          AND p.channel = consent_event.channel AND p.purpose_key = consent_event.purpose_key
                          AND p.seq < consent_event.seq);

UPDATE consent_state
   SET last_seq = COALESCE((SELECT max(e.seq) FROM consent_event e
                             WHERE e.tenant_id = consent_state.tenant_id AND e.contact_id = consent_state.contact_id
                               AND e.channel = consent_state.channel AND e.purpose_key = consent_state.purpose_key),
                           seq);

DROP INDEX consent_event_contact;
