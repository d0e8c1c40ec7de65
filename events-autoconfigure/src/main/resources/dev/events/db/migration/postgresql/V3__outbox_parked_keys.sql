-- A parked event holds the later events of its key: the relay looks parked keys up here.
CREATE INDEX events_outbox_parked_key ON events_outbox (topic, partition_key, seq) WHERE parked_at IS NOT NULL;
