-- The visit projector (issue 13): ingest stores only the records; a projector in the central's
-- process folds them into visits and rollups afterwards, so ingest does not pay for monitoring.
-- A device's records up to projected_seq are in the visits and rollups. The projector locks this row
-- (FOR UPDATE SKIP LOCKED) and advances it in the same transaction that writes what it folded, so a
-- record is projected exactly once however often projectors stop, restart or run side by side.
CREATE TABLE visit_projection (
  device_id text PRIMARY KEY REFERENCES devices (device_id),
  projected_seq bigint NOT NULL DEFAULT 0 CHECK (projected_seq >= 0)
);
-- Records held before this migration were projected inside their own ingest.
INSERT INTO visit_projection (device_id, projected_seq) SELECT device_id, held_seq FROM devices;
