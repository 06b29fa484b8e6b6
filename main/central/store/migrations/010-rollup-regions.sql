-- Region rollups (issue 13, scale): a region's range, and the network broken down by region, read
-- one row per region, service and period instead of one per centre. Kept by the same code as the
-- others (main/central/monitoring/rollup-sql.ts), the region read from `centres` as each visit is
-- rolled up; a centre described or moved later takes its rows with it (move_centre_region below).
CREATE TABLE visit_rollup_region_day (LIKE visit_rollup_network_day);
ALTER TABLE visit_rollup_region_day ADD COLUMN region text NOT NULL;
ALTER TABLE visit_rollup_region_day ADD PRIMARY KEY (region, local_day, service_id);
CREATE INDEX visit_rollup_region_day_day ON visit_rollup_region_day (local_day);

CREATE TABLE visit_rollup_region_month (LIKE visit_rollup_network_month);
ALTER TABLE visit_rollup_region_month ADD COLUMN region text NOT NULL;
ALTER TABLE visit_rollup_region_month ADD PRIMARY KEY (region, month, service_id);
CREATE INDEX visit_rollup_region_month_month ON visit_rollup_region_month (month);

CREATE TABLE visit_rollup_region_year (LIKE visit_rollup_network_year);
ALTER TABLE visit_rollup_region_year ADD COLUMN region text NOT NULL;
ALTER TABLE visit_rollup_region_year ADD PRIMARY KEY (region, year, service_id);
CREATE INDEX visit_rollup_region_year_year ON visit_rollup_region_year (year);

-- A histogram times a whole number (-1 takes rows back out).
CREATE FUNCTION hist_scale(a integer[], factor integer) RETURNS integer[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT COALESCE(array_agg(n * factor ORDER BY i), '{}') FROM unnest(a) WITH ORDINALITY u (n, i)
$$;

-- The count and histogram columns of a rollup table, read from the catalog (so a column added to the
-- rollups later is moved and filled too).
CREATE FUNCTION rollup_columns(rollup regclass, OUT counts text[], OUT histograms text[]) LANGUAGE sql STABLE AS $$
  SELECT array_agg(attname::text ORDER BY attnum) FILTER (WHERE atttypid = 'integer'::regtype),
         array_agg(attname::text ORDER BY attnum) FILTER (WHERE atttypid = 'integer[]'::regtype)
    FROM pg_attribute WHERE attrelid = rollup AND attnum > 0 AND NOT attisdropped
$$;

-- Moves a centre's rows of the centre rollups out of one region's rollups and into another's, every
-- count and histogram column of each period.
CREATE FUNCTION move_centre_region(centre text, from_region text, to_region text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  period text;
  key text;
  counts text[];
  histograms text[];
BEGIN
  IF from_region IS NOT DISTINCT FROM to_region THEN RETURN; END IF;
  -- Each statement below must see every visit committed before it (a fresh snapshot a statement).
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'a centre''s region is changed under READ COMMITTED only (this transaction is %)',
      current_setting('transaction_isolation');
  END IF;
  -- Waits for the projectors writing region rollups to commit (their visits are then in the centre
  -- rollups read below) and holds new ones back until this commits (they then read the new region).
  LOCK TABLE visit_rollup_region_day, visit_rollup_region_month, visit_rollup_region_year IN SHARE ROW EXCLUSIVE MODE;
  FOREACH period IN ARRAY ARRAY['day', 'month', 'year'] LOOP
    key := CASE period WHEN 'day' THEN 'local_day' ELSE period END;
    SELECT * INTO counts, histograms FROM rollup_columns(format('visit_rollup_region_%s', period)::regclass);
    EXECUTE format(
      'INSERT INTO %I AS r (region, %I, service_id, %s, %s)
       SELECT m.region, x.%I, x.service_id, %s, %s
         FROM %I x CROSS JOIN (VALUES ($2, -1), ($3, 1)) m (region, sign)
        WHERE x.centre_id = $1
       ON CONFLICT (region, %I, service_id) DO UPDATE SET %s, %s',
      'visit_rollup_region_' || period, key,
      array_to_string(counts, ', '), array_to_string(histograms, ', '),
      key,
      (SELECT string_agg(format('m.sign * x.%I', c), ', ') FROM unnest(counts) c),
      (SELECT string_agg(format('hist_scale(x.%I, m.sign)', h), ', ') FROM unnest(histograms) h),
      'visit_rollup_' || period,
      key,
      (SELECT string_agg(format('%I = r.%I + EXCLUDED.%I', c, c, c), ', ') FROM unnest(counts) c),
      (SELECT string_agg(format('%I = hist_add(r.%I, EXCLUDED.%I)', h, h, h), ', ') FROM unnest(histograms) h))
    USING centre, from_region, to_region;
  END LOOP;
END;
$$;

-- A centre described (its visits were in 'unassigned' until now), moved to another region, or no
-- longer described (back to 'unassigned').
CREATE FUNCTION centres_region_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM move_centre_region(NEW.centre_id, 'unassigned', NEW.region);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM move_centre_region(OLD.centre_id, OLD.region, 'unassigned');
  ELSIF OLD.centre_id <> NEW.centre_id THEN
    RAISE EXCEPTION 'a centre''s id is not changed (% to %): its visits keep it', OLD.centre_id, NEW.centre_id;
  ELSE
    PERFORM move_centre_region(NEW.centre_id, OLD.region, NEW.region);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER centres_region_moved AFTER INSERT OR DELETE OR UPDATE OF region, centre_id ON centres
  FOR EACH ROW EXECUTE FUNCTION centres_region_moved();

-- The regions of the rollups already held: each period's centre rows summed by region.
DO $$
DECLARE
  period text;
  key text;
  counts text[];
  histograms text[];
BEGIN
  FOREACH period IN ARRAY ARRAY['day', 'month', 'year'] LOOP
    key := CASE period WHEN 'day' THEN 'local_day' ELSE period END;
    SELECT * INTO counts, histograms FROM rollup_columns(format('visit_rollup_region_%s', period)::regclass);
    EXECUTE format(
      'INSERT INTO %I (region, %I, service_id, %s, %s)
       SELECT COALESCE(c.region, ''unassigned''), x.%I, x.service_id, %s, %s
         FROM %I x LEFT JOIN centres c ON c.centre_id = x.centre_id GROUP BY 1, 2, 3',
      'visit_rollup_region_' || period, key, array_to_string(counts, ', '), array_to_string(histograms, ', '),
      key,
      (SELECT string_agg(format('sum(x.%I)', c), ', ') FROM unnest(counts) c),
      (SELECT string_agg(format('hist_sum(x.%I)', h), ', ') FROM unnest(histograms) h),
      'visit_rollup_' || period);
  END LOOP;
END;
$$;
