// Tables owned by the access module.
#include "access/schema.h"

namespace kf::access {

std::vector<db::Migration> migrations() {
  return {
      {100, "access: organisations, users, roles, memberships, sessions, api keys", R"sql(
CREATE TABLE orgs (
  id {{ID}},
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  level TEXT NOT NULL,
  region_code TEXT NOT NULL,
  parent_id BIGINT REFERENCES orgs(id),
  created_at BIGINT NOT NULL
);
CREATE TABLE users (
  id {{ID}},
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  phone TEXT,
  email TEXT,
  real_name_masked TEXT,
  id_number_hash TEXT,
  verified_at BIGINT,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT NOT NULL DEFAULT 0,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE TABLE user_roles (
  user_id BIGINT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  PRIMARY KEY (user_id, role)
);
CREATE TABLE memberships (
  user_id BIGINT NOT NULL REFERENCES users(id),
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  is_cdo INTEGER NOT NULL DEFAULT 0,
  is_commissioner INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id, org_id)
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE api_keys (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  prefix TEXT NOT NULL UNIQUE,
  key_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT,
  revoked_at BIGINT
);
CREATE INDEX api_keys_user ON api_keys(user_id);
)sql"},
      {101, "access: API usage per key, day and dataset", R"sql(
CREATE TABLE api_usage (
  key_id BIGINT NOT NULL REFERENCES api_keys(id),
  day TEXT NOT NULL,
  entry_code TEXT NOT NULL,
  calls BIGINT NOT NULL,
  rows_out BIGINT NOT NULL,
  bytes_out BIGINT NOT NULL,
  PRIMARY KEY (key_id, day, entry_code)
);
)sql"},
      {102, "access: open-data licence acceptance", R"sql(
ALTER TABLE users ADD COLUMN licence_version TEXT;
ALTER TABLE users ADD COLUMN licence_accepted_at BIGINT;
CREATE TABLE licence_acceptances (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  version TEXT NOT NULL,
  accepted_at BIGINT NOT NULL,
  client_ip TEXT
);
CREATE INDEX licence_acceptances_user ON licence_acceptances(user_id);
)sql"},
      // Every data API call, whoever makes it (anonymous, session or API key), per day and
      // dataset: the public counter (EVA-3). api_usage stays per key, for quotas. Calls counted
      // before this table existed were those of keys: they carry over.
      {110, "access: data API calls of every caller", R"sql(
CREATE TABLE api_calls (
  day TEXT NOT NULL,
  entry_code TEXT NOT NULL,
  calls BIGINT NOT NULL,
  PRIMARY KEY (day, entry_code)
);
INSERT INTO api_calls (day, entry_code, calls)
  SELECT day, entry_code, SUM(calls) FROM api_usage GROUP BY day, entry_code;
)sql"},
      {111, "access: unified social credit code and legal representative of organisations", R"sql(
ALTER TABLE orgs ADD COLUMN credit_code TEXT;
ALTER TABLE orgs ADD COLUMN legal_representative TEXT;
CREATE UNIQUE INDEX orgs_credit_code ON orgs(credit_code);
)sql"},
      {112, "access: accounts linked to an external identity provider (OpenID Connect)", R"sql(
CREATE TABLE external_identities (
  issuer TEXT NOT NULL,
  subject TEXT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  PRIMARY KEY (issuer, subject)
);
)sql"},
  };
}

}  // namespace kf::access
