-- A launch wrote one entry per recipient at a random place in this index (keyed hashes have no
-- order), and rewrote most of its pages at every commit: the largest cost of a launch after the
-- random link tokens, which are now made in order. Its two queries find recipients by contact
-- instead: an SMS answer by the contact holding the number, an SMS opt-out by the contacts whose
-- phone has the suppressed hash. Both use campaign_recipient_contact.
DROP INDEX campaign_recipient_phone;
