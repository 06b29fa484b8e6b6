-- Operator control (issue 13, the ASAN "automatic control"): an event when a visit passes its
-- standard, kept and counted per centre, day, desk and service. One per visit and kind, whatever
-- is replayed or whoever records it (the projector folding a visit, or its look at open visits):
-- both insert with ON CONFLICT on this key. main/central/monitoring/standard-events.ts writes them.
CREATE TABLE standard_events (
  device_id text NOT NULL,
  ticket_id bigint NOT NULL,
  kind text NOT NULL CHECK (kind IN ('waiting-over-standard', 'service-over-standard')),
  centre_id text NOT NULL,
  service_id text NOT NULL,
  -- The desk that called (waiting) or served (service) the visit; none while it still waits.
  desk_id text,
  -- The ticket's day on the centre's wall, as its visit's.
  local_day date NOT NULL,
  -- Issue plus the waiting standard, or start plus the service standard (the device's clock).
  passed_at timestamptz NOT NULL,
  standard_minutes integer NOT NULL CHECK (standard_minutes > 0),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (device_id, ticket_id, kind)
);

-- Counting per desk, service and kind reads an index alone (index-only scans): a centre's days, or
-- the network's and a region's days.
CREATE INDEX standard_events_centre_day ON standard_events (centre_id, local_day) INCLUDE (desk_id, service_id, kind);
CREATE INDEX standard_events_day ON standard_events (local_day) INCLUDE (centre_id, desk_id, service_id, kind);
-- The newest events: read backwards from now until 50 of the range are found.
CREATE INDEX standard_events_passed ON standard_events (passed_at);
