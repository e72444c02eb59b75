// Tables of the user centre (its inbox messages without a case need workflow migration 402).
#include "usercentre/usercentre.h"

namespace kf::usercentre {

std::vector<db::Migration> migrations() {
  return {
      {600, "usercentre: favourites, subscriptions, download history", R"sql(
CREATE TABLE favourites (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  entry_id BIGINT NOT NULL REFERENCES catalog_entries(id),
  created_at BIGINT NOT NULL,
  UNIQUE (user_id, entry_id)
);
CREATE TABLE subscriptions (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  entry_id BIGINT NOT NULL REFERENCES catalog_entries(id),
  created_at BIGINT NOT NULL,
  UNIQUE (user_id, entry_id)
);
CREATE INDEX subscriptions_entry ON subscriptions(entry_id);
CREATE TABLE download_history (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  entry_code TEXT NOT NULL,
  entry_name TEXT NOT NULL,
  version_id BIGINT NOT NULL,
  format TEXT NOT NULL,
  row_count BIGINT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX download_history_user ON download_history(user_id, at);
)sql"},
  };
}

}  // namespace kf::usercentre
