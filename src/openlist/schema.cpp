#include "openlist/openlist.h"

namespace kf::openlist {

std::vector<db::Migration> migrations() {
  return {
      {500, "openlist: annual open lists and plans (CAT-5)", R"sql(
CREATE TABLE open_lists (
  id {{ID}},
  year INTEGER NOT NULL,
  version INTEGER NOT NULL,
  state TEXT NOT NULL,
  items TEXT NOT NULL,
  plan TEXT NOT NULL,
  due_date TEXT NOT NULL,
  compiled_at BIGINT NOT NULL,
  compiled_by TEXT NOT NULL,
  published_at BIGINT,
  case_id BIGINT,
  UNIQUE (year, version)
);
CREATE INDEX open_lists_state ON open_lists(state, year);
)sql"},
  };
}

}  // namespace kf::openlist
