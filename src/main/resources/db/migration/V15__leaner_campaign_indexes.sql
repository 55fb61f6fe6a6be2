-- Fewer index entries per message a campaign queues: a launch writes a recipient and a message per
-- person asked, and entries at random places in an index (keyed hashes) cost most. Each index
-- below keeps serving the only queries that read it.

-- Erasure (GDPR-10) finds messages by contact id, and by the address's keyed hash only for those
-- sent without a contact id (the query says contact_id IS NULL): campaign messages, which all name
-- their contact, need no entry here.
DROP INDEX outbox_recipient;
CREATE INDEX outbox_recipient ON outbox_message (tenant_id, recipient_hash) WHERE contact_id IS NULL;

-- An email opt-out finds the recipients asked by email (the query says channel = 'EMAIL'); the
-- recipients asked by SMS keep their email hash, to be forgotten on erasure, without an entry.
DROP INDEX campaign_recipient_email;
CREATE INDEX campaign_recipient_email ON campaign_recipient (tenant_id, email_hash) WHERE channel = 'EMAIL';

-- Every query by campaign and state (waiting recipients, counts, contacts in a state) is answered
-- from the primary key (tenant_id, campaign_id, contact_id), in contact order, as they page.
DROP INDEX campaign_recipient_state;
