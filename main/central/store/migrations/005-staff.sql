-- Staff who read the dashboards (issue 13): accounts, their sessions and the counts of wrong
-- passwords that lock sign-in (the kiosk's PIN lockout, main/shared/lockout.ts).

CREATE TABLE staff_accounts (
  username text PRIMARY KEY CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,62}$'),
  -- scrypt$N$r$p$salt$hash: the cost and the salt travel with the hash (main/shared/scrypt-hash.ts).
  password_hash text NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
  role text NOT NULL CHECK (role IN ('analyst', 'manager')),
  -- NULL: the whole network; otherwise the centres the account may read. A manager always has some.
  centre_ids text[] CHECK (centre_ids IS NULL OR cardinality(centre_ids) > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  password_set_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz,
  CHECK (role = 'analyst' OR centre_ids IS NOT NULL)
);

CREATE TABLE staff_sessions (
  -- SHA-256 of the session cookie's token: the token itself lives only in the browser.
  token_hash text PRIMARY KEY,
  username text NOT NULL REFERENCES staff_accounts (username),
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  -- The absolute end; the idle end is last_seen_at plus the idle limit (main/central/staff/sessions.ts).
  expires_at timestamptz NOT NULL,
  ended_at timestamptz
);
CREATE INDEX staff_sessions_by_account ON staff_sessions (username) WHERE ended_at IS NULL;

-- One row per lockout key: `account:<username>` (any name typed, known or not) and `address:<ip>`.
CREATE TABLE staff_sign_in_lockouts (
  key text PRIMARY KEY,
  wrong_count integer NOT NULL,
  lockouts integer NOT NULL,
  locked_until timestamptz,
  last_wrong_at timestamptz NOT NULL
);
