-- The settings the central holds for devices (issue 12): the network's (centre_id '*') and each
-- centre's own over them, patches of the fields a centre manages. `revision` grows with each change.
CREATE TABLE centre_settings (
  centre_id text PRIMARY KEY,
  settings jsonb NOT NULL,
  revision integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE devices ADD COLUMN settings_version text;
