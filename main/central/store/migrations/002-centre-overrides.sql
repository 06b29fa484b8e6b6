-- Per-centre overrides of the network's catalog (issue 12): a centre's subset of services (the
-- others are sent disabled, so ids never change meaning) and its own opening hours. `revision`
-- grows with each change, so the catalog's ETag does too.
CREATE TABLE centre_overrides (
  centre_id text PRIMARY KEY,
  services text[],
  opening_hours jsonb,
  revision integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);
