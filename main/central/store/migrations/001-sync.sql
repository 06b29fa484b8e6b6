-- The central's first schema (issue 12): enrolled devices, one-time enrolment codes, every fact
-- each device sent (immutable, keyed by device and sequence), and the catalogs released to centres.

CREATE TABLE devices (
  device_id text PRIMARY KEY,
  centre_id text NOT NULL,
  role text NOT NULL CHECK (role IN ('bus', 'hall-server', 'hall-kiosk')),
  -- SHA-256 of the bearer credential: the credential itself is shown once, to the device.
  token_hash text NOT NULL UNIQUE,
  enrolled_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  app_version text,
  catalog_version text,
  -- The central's clock at the device's last batch, the device's clock then, and their difference.
  last_contact_at timestamptz,
  last_sent_at timestamptz,
  clock_skew_seconds integer,
  backlog integer,
  -- Every record up to here is held (records arrive gapless, so this is also the highest).
  held_seq bigint NOT NULL DEFAULT 0,
  -- Repeats whose content differed from the record held (a replaced database): refused, counted.
  conflicts integer NOT NULL DEFAULT 0,
  -- The fleet screen's printer: the last state reported and tickets printed since the last new roll.
  printer_status jsonb,
  printer_reported_at timestamptz,
  tickets_on_roll integer
);

CREATE TABLE enrol_codes (
  code_hash text PRIMARY KEY,
  centre_id text NOT NULL,
  role text NOT NULL CHECK (role IN ('bus', 'hall-server', 'hall-kiosk')),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  used_by text
);

CREATE TABLE sync_records (
  device_id text NOT NULL REFERENCES devices (device_id),
  seq bigint NOT NULL CHECK (seq > 0),
  -- The device's clock when the change was made (it may be hours off), and the central's on arrival.
  device_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  kind text NOT NULL,
  fact jsonb NOT NULL,
  PRIMARY KEY (device_id, seq)
);

-- Records are facts: never changed, never deleted (a correction is a new record).
CREATE FUNCTION sync_records_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'sync_records are immutable (% of device %)', OLD.seq, OLD.device_id;
END;
$$;
CREATE TRIGGER sync_records_immutable BEFORE UPDATE OR DELETE ON sync_records
  FOR EACH ROW EXECUTE FUNCTION sync_records_immutable();

CREATE TABLE catalog_releases (
  version text PRIMARY KEY,
  catalog jsonb NOT NULL,
  released_at timestamptz NOT NULL DEFAULT now()
);

-- Which release each centre's devices get: a release can be staged to some centres first.
CREATE TABLE centre_catalogs (
  centre_id text PRIMARY KEY,
  version text NOT NULL REFERENCES catalog_releases (version),
  assigned_at timestamptz NOT NULL DEFAULT now()
);
