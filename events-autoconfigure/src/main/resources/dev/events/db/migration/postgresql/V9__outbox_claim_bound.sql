-- The relay reads pending events from just below the last one it claimed instead of from the
-- lowest sequence: the pending index keeps the entries of deleted rows until a vacuum, and reading
-- from the lowest sequence stepped over all of them on every claim. An event that a transaction
-- commits late can still lie below that point; the transaction id stored with it is at or above
-- the oldest one in progress when the relay last read, and the relay reads those events too.
-- Rows from before have none: they are all committed, and the first claim of a relay reads from
-- the lowest sequence.
ALTER TABLE events_outbox ADD COLUMN IF NOT EXISTS xact_id BIGINT;
ALTER TABLE events_outbox ALTER COLUMN xact_id SET DEFAULT (pg_current_xact_id()::text::bigint);
CREATE INDEX IF NOT EXISTS events_outbox_pending_xact ON events_outbox (xact_id)
    WHERE sent_at IS NULL AND parked_at IS NULL;

-- Events that become pending again below that point (a parked event retried, which frees the later
-- events of its key, or discarded, which frees them too; a sent event republished) change the
-- claim generation in the same transaction, whichever instance or tool changes them, and a relay
-- that finds it changed reads from the lowest sequence again.
ALTER TABLE events_outbox_shards ADD COLUMN claim_generation BIGINT NOT NULL DEFAULT 0;

-- Once per transaction, however many events it changes (a republish may change millions).
CREATE FUNCTION events_outbox_next_claim_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('events.claim_generation_changed', true) IS DISTINCT FROM 'yes' THEN
        UPDATE events_outbox_shards SET claim_generation = claim_generation + 1 WHERE id = 1;
        PERFORM set_config('events.claim_generation_changed', 'yes', true);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER events_outbox_pending_again AFTER UPDATE OF sent_at, parked_at ON events_outbox
    FOR EACH ROW
    WHEN ((OLD.sent_at IS NOT NULL AND NEW.sent_at IS NULL) OR (OLD.parked_at IS NOT NULL AND NEW.parked_at IS NULL))
    EXECUTE FUNCTION events_outbox_next_claim_generation();

CREATE TRIGGER events_outbox_parked_discarded AFTER DELETE ON events_outbox
    FOR EACH ROW
    WHEN (OLD.parked_at IS NOT NULL)
    EXECUTE FUNCTION events_outbox_next_claim_generation();
