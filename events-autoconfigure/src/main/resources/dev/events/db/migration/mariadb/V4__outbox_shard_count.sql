-- Events are sharded by the hash of their key under the shard count the relays agree on here, so
-- that instances configured with different counts (a rolling change) never relay one key from two
-- shards. The shard column is still written for instances of the previous version and will be
-- dropped in a later one.
ALTER TABLE events_outbox ADD COLUMN key_hash INT;

CREATE TABLE events_outbox_shards (
    id              INT NOT NULL PRIMARY KEY,
    shard_count     INT NOT NULL,
    requested_count INT
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

INSERT INTO events_outbox_shards (id, shard_count)
SELECT 1, COUNT(*) FROM events_outbox_lease HAVING COUNT(*) > 0;
