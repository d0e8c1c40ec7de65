-- A parked event holds the later events of its key: the relay looks parked keys up here. Parked
-- events are few, so the index leads with the parked time; the key is indexed by a prefix, since
-- InnoDB keys are limited to 3072 bytes.
CREATE INDEX events_outbox_parked_key ON events_outbox (parked_at, topic, partition_key(500));
