-- Monitoring (issue 13): one row per ticket (visits), projected from the facts inside the ingest's
-- transaction, partitioned by the centre's local day in months; rollups per day and per month kept
-- incrementally by the same transaction (main/central/monitoring/rollup-sql.ts defines them); the
-- centres' regions and time zones and the services' standards the figures are read against.
-- No personal data exists in any fact, so none is here either.

-- The network's time zone, for a centre not yet described (one place, read by default and ingest).
CREATE FUNCTION network_time_zone() RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT 'Asia/Baku' $$;

CREATE TABLE centres (
  centre_id text PRIMARY KEY,
  name text,
  region text NOT NULL DEFAULT 'unassigned',
  kind text NOT NULL DEFAULT 'centre' CHECK (kind IN ('centre', 'bus')),
  -- Busiest hours are read on the centre's wall clock; changing it later does not move hours kept.
  time_zone text NOT NULL DEFAULT network_time_zone()
);

-- Standards read at query time, so changing one re-reads every period (rollups keep histograms).
CREATE TABLE service_standards (
  service_id text PRIMARY KEY,
  service_minutes integer NOT NULL CHECK (service_minutes > 0),
  waiting_minutes integer NOT NULL DEFAULT 15 CHECK (waiting_minutes > 0)
);

-- Minutes past this are counted in the last bucket (a histogram's length stays bounded).
CREATE FUNCTION histogram_cap_minutes() RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT 600 $$;

CREATE TABLE visits (
  device_id text NOT NULL,
  ticket_id bigint NOT NULL,
  centre_id text NOT NULL,
  -- The ticket's day on the centre's wall (the fact's localDay): the partitioning key.
  local_day date NOT NULL,
  local_hour smallint NOT NULL CHECK (local_hour BETWEEN 0 AND 23),
  issued_at timestamptz NOT NULL,
  issued_service_id text NOT NULL,
  language text NOT NULL,
  called_at timestamptz,
  started_at timestamptz,
  finished_at timestamptz,
  -- The state after the latest desk step, that step's time and the service it left the ticket in.
  outcome text NOT NULL CHECK (outcome IN ('waiting', 'called', 'serving', 'done', 'no-show')),
  outcome_at timestamptz NOT NULL,
  outcome_service_id text,
  -- The desk of the latest step that named one.
  desk_id text,
  desk_at timestamptz,
  rating_offered boolean NOT NULL DEFAULT false,
  score smallint CHECK (score BETWEEN 1 AND 5),
  reasons text[] NOT NULL DEFAULT '{}',
  rated_at timestamptz,
  service_id text GENERATED ALWAYS AS (COALESCE(outcome_service_id, issued_service_id)) STORED,
  -- From the ticket to its first call; from the first start to the last finish (a device's clock
  -- set back never makes one negative).
  waiting_seconds integer GENERATED ALWAYS AS
    (CASE WHEN called_at IS NOT NULL THEN GREATEST(0, floor(extract(epoch FROM called_at - issued_at)))::integer END) STORED,
  service_seconds integer GENERATED ALWAYS AS
    (CASE WHEN outcome = 'done' AND started_at IS NOT NULL AND finished_at IS NOT NULL
      THEN GREATEST(0, floor(extract(epoch FROM finished_at - started_at)))::integer END) STORED,
  PRIMARY KEY (device_id, ticket_id, local_day)
) PARTITION BY RANGE (local_day);

-- The raw baseline's reads and the drill-down to visits: by centre and day.
CREATE INDEX visits_centre_day ON visits (centre_id, local_day);
-- The live view: only visits still open, a handful per centre.
CREATE INDEX visits_open ON visits (centre_id, local_day) WHERE outcome IN ('waiting', 'called', 'serving');

-- A month's partition, created if missing. Run in a transaction of its own (never inside an ingest,
-- where waiting for the parent's lock behind another batch could deadlock); the advisory lock and
-- IF NOT EXISTS make two servers creating the same month at once harmless.
CREATE FUNCTION ensure_visit_partition(day date) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  first date := date_trunc('month', day)::date;
  name text := format('visits_%s', to_char(first, 'YYYY_MM'));
BEGIN
  IF to_regclass(name) IS NOT NULL THEN RETURN name; END IF;
  PERFORM pg_advisory_xact_lock(20261304, (extract(year FROM first) * 12 + extract(month FROM first))::integer);
  EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF visits FOR VALUES FROM (%L) TO (%L)',
    name, first, (first + interval '1 month')::date);
  RETURN name;
END;
$$;

-- Steps, ratings and offers for a ticket whose ticket-issued fact is not held yet: kept here, not
-- lost, and merged into its visit when the ticket arrives (the merge is order-free).
CREATE TABLE visit_orphans (
  device_id text NOT NULL,
  ticket_id bigint NOT NULL,
  centre_id text NOT NULL,
  partial jsonb NOT NULL,
  first_received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (device_id, ticket_id)
);

-- Histograms are int[] counts per whole minute (index 1 is minute 0). hist_add adds two of any
-- lengths; hist_agg(bucket, weight) builds one (weight -1 takes a visit back out).
-- PL/pgSQL rather than SQL: called per rollup row updated at ingest, where a SQL function's
-- generate_series and array_agg cost several times more.
CREATE FUNCTION hist_add(a integer[], b integer[]) RETURNS integer[] LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  result integer[];
BEGIN
  IF cardinality(b) = 0 THEN RETURN a; END IF;
  IF cardinality(a) = 0 THEN RETURN b; END IF;
  IF cardinality(a) >= cardinality(b) THEN
    result := a;
  ELSE
    result := b;
    b := a;
  END IF;
  FOR i IN 1 .. cardinality(b) LOOP
    result[i] := result[i] + b[i];
  END LOOP;
  RETURN result;
END;
$$;

CREATE FUNCTION hist_step(state integer[], bucket integer, weight integer) RETURNS integer[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  IF bucket IS NULL OR weight = 0 THEN RETURN state; END IF;
  IF cardinality(state) <= bucket THEN
    state := state || array_fill(0, ARRAY[bucket + 1 - cardinality(state)]);
  END IF;
  state[bucket + 1] := state[bucket + 1] + weight;
  RETURN state;
END;
$$;

CREATE AGGREGATE hist_agg(integer, integer) (
  SFUNC = hist_step, STYPE = integer[], INITCOND = '{}', COMBINEFUNC = hist_add, PARALLEL = SAFE
);

-- Per day, centre and service (tickets count on their local day); per month (named by its first
-- day); and both again for the whole network, per service only. Counts, then histograms: waiting
-- and service minutes, and tickets per local hour of issue (24 buckets a day; a month keeps 168,
-- (ISO weekday - 1) * 24 + hour).
CREATE TABLE visit_rollup_day (
  local_day date NOT NULL,
  centre_id text NOT NULL,
  service_id text NOT NULL,
  tickets integer NOT NULL,
  served integer NOT NULL,
  no_shows integer NOT NULL,
  offered integer NOT NULL,
  rated integer NOT NULL,
  score_1 integer NOT NULL,
  score_2 integer NOT NULL,
  score_3 integer NOT NULL,
  score_4 integer NOT NULL,
  score_5 integer NOT NULL,
  reason_waiting_time integer NOT NULL,
  reason_staff integer NOT NULL,
  reason_result integer NOT NULL,
  reason_premises integer NOT NULL,
  wait_hist integer[] NOT NULL,
  service_hist integer[] NOT NULL,
  hours integer[] NOT NULL,
  PRIMARY KEY (centre_id, service_id, local_day)
);
CREATE INDEX visit_rollup_day_day ON visit_rollup_day (local_day);

CREATE TABLE visit_rollup_month (LIKE visit_rollup_day);
ALTER TABLE visit_rollup_month RENAME COLUMN local_day TO month;
ALTER TABLE visit_rollup_month RENAME COLUMN hours TO week_hours;
ALTER TABLE visit_rollup_month ADD PRIMARY KEY (centre_id, service_id, month);
CREATE INDEX visit_rollup_month_month ON visit_rollup_month (month);

CREATE TABLE visit_rollup_network_day (LIKE visit_rollup_day);
ALTER TABLE visit_rollup_network_day DROP COLUMN centre_id;
ALTER TABLE visit_rollup_network_day ADD PRIMARY KEY (local_day, service_id);

CREATE TABLE visit_rollup_network_month (LIKE visit_rollup_month);
ALTER TABLE visit_rollup_network_month DROP COLUMN centre_id;
ALTER TABLE visit_rollup_network_month ADD PRIMARY KEY (month, service_id);
