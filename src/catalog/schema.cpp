// Tables owned by the catalog module. An entry's description (metadata and dictionary) is one
// JSON document (`doc`): it is read and written whole, kept whole in history, and searched in
// memory, so columns would only add mapping code.
#include "catalog/schema.h"

namespace kf::catalog {

std::vector<db::Migration> migrations() {
  return {
      {200, "catalog: entries, history, dataset versions, ingest jobs", R"sql(
CREATE TABLE catalog_entries (
  id {{ID}},
  code TEXT NOT NULL UNIQUE,
  provider_id BIGINT NOT NULL REFERENCES orgs(id),
  state TEXT NOT NULL,
  revision INTEGER NOT NULL,
  doc TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  published_at BIGINT,
  published_version_id BIGINT,
  data_updated_at BIGINT,
  downloads BIGINT NOT NULL DEFAULT 0,
  row_count BIGINT
);
CREATE TABLE catalog_history (
  id {{ID}},
  entry_id BIGINT NOT NULL REFERENCES catalog_entries(id),
  revision INTEGER NOT NULL,
  at BIGINT NOT NULL,
  actor_id BIGINT,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  reason TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX catalog_history_entry ON catalog_history(entry_id, id);
CREATE TABLE dataset_versions (
  id {{ID}},
  entry_id BIGINT NOT NULL REFERENCES catalog_entries(id),
  number INTEGER NOT NULL,
  state TEXT NOT NULL,
  row_count BIGINT NOT NULL,
  rejected_count BIGINT NOT NULL,
  columns TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  encoding TEXT NOT NULL,
  format TEXT NOT NULL,
  source_name TEXT NOT NULL,
  storage TEXT NOT NULL,
  report TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by TEXT NOT NULL,
  published_at BIGINT,
  UNIQUE (entry_id, number)
);
CREATE TABLE ingest_jobs (
  id {{ID}},
  entry_id BIGINT NOT NULL REFERENCES catalog_entries(id),
  state TEXT NOT NULL,
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  finished_at BIGINT,
  mode TEXT NOT NULL,
  source_name TEXT NOT NULL,
  message TEXT NOT NULL DEFAULT '',
  version_id BIGINT,
  report TEXT
);
CREATE TABLE catalog_generation (
  id INTEGER PRIMARY KEY,
  generation BIGINT NOT NULL
);
INSERT INTO catalog_generation (id, generation) VALUES (1, 0);
)sql"},
      {201, "catalog: desensitized copies of published versions", R"sql(
ALTER TABLE dataset_versions ADD COLUMN masked_storage TEXT;
ALTER TABLE dataset_versions ADD COLUMN masked_columns TEXT;
ALTER TABLE dataset_versions ADD COLUMN masked_rules TEXT;
)sql"},
      // One row: the deployment this database is (storage.h). The name is made by the first
      // process that asks for it, not here, so that the SQL stays the same on both databases.
      {202, "catalog: deployment identity (owner of the storage folder)", R"sql(
CREATE TABLE catalog_deployment (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  deployment_id TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
)sql"},
      // Every search reads the current download counts (downloads do not rebuild the search
      // index): this index answers that query without touching the entries' documents.
      {210, "catalog: current download counts for search", R"sql(
CREATE INDEX catalog_entries_downloads ON catalog_entries(state, downloads, id);
)sql"},
  };
}

}  // namespace kf::catalog
