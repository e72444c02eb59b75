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
      // Lists used to follow their case when read; the open_list flow now changes them in the
      // case's transaction. Lists whose case ended before that are brought in line once (the
      // only read of the workflow module's table, in this one-off migration).
      {501, "openlist: lists follow their case's outcome", R"sql(
UPDATE open_lists SET state = 'published',
  published_at = (SELECT c.updated_at FROM workflow_cases c WHERE c.id = open_lists.case_id)
  WHERE state = 'in_review' AND case_id IN (SELECT id FROM workflow_cases WHERE state = 'approved');
UPDATE open_lists SET state = 'draft'
  WHERE state = 'in_review' AND case_id IN (SELECT id FROM workflow_cases WHERE state IN ('withdrawn', 'rejected'));
)sql"},
  };
}

}  // namespace kf::openlist
