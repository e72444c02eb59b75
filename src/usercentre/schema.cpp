// Tables of the user centre, and the change to the workflow inbox it needs.
#include "usercentre/usercentre.h"

namespace kf::usercentre {

std::vector<db::Migration> migrations() {
  return {
      {600, "usercentre: favourites, subscriptions, download history; inbox notifications without a case", R"sql(
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
CREATE TABLE notifications_600 (
  id {{ID}},
  user_id BIGINT NOT NULL,
  case_id BIGINT REFERENCES workflow_cases(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  read_at BIGINT,
  mailed_at BIGINT
);
INSERT INTO notifications_600 (user_id, case_id, kind, title, body, created_at, read_at, mailed_at)
  SELECT user_id, case_id, kind, title, body, created_at, read_at, mailed_at FROM notifications ORDER BY id;
DROP TABLE notifications;
ALTER TABLE notifications_600 RENAME TO notifications;
CREATE INDEX notifications_user ON notifications(user_id, created_at);
)sql"},
  };
}

}  // namespace kf::usercentre
