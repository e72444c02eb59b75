#include "workflow/workflow.h"

namespace kf::workflow {

std::vector<db::Migration> migrations() {
  return {
      {400, "workflow: cases, their history, the inbox", R"sql(
CREATE TABLE workflow_cases (
  id {{ID}},
  type TEXT NOT NULL,
  title TEXT NOT NULL,
  subject_code TEXT NOT NULL,
  owner_org_id BIGINT NOT NULL,
  state TEXT NOT NULL,
  stage_index INTEGER NOT NULL,
  stages TEXT NOT NULL,
  assignee_role TEXT NOT NULL,
  assignee_org_id BIGINT,
  due_date TEXT,
  stage_started_at BIGINT NOT NULL,
  round INTEGER NOT NULL,
  reminded_at BIGINT,
  overdue_at BIGINT,
  escalated_at BIGINT,
  created_by BIGINT NOT NULL,
  created_by_name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  payload TEXT NOT NULL
);
CREATE INDEX workflow_cases_subject ON workflow_cases(subject_code);
CREATE INDEX workflow_cases_open ON workflow_cases(state, due_date);
CREATE TABLE workflow_events (
  id {{ID}},
  case_id BIGINT NOT NULL REFERENCES workflow_cases(id),
  at BIGINT NOT NULL,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  stage_key TEXT NOT NULL,
  stage_label TEXT NOT NULL,
  comment TEXT NOT NULL,
  round INTEGER NOT NULL,
  attachments TEXT NOT NULL
);
CREATE INDEX workflow_events_case ON workflow_events(case_id);
CREATE TABLE notifications (
  id {{ID}},
  user_id BIGINT NOT NULL,
  case_id BIGINT NOT NULL REFERENCES workflow_cases(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  read_at BIGINT
);
CREATE INDEX notifications_user ON notifications(user_id, created_at);
)sql"},
      {401, "workflow: e-mail delivery of notifications", R"sql(
ALTER TABLE notifications ADD COLUMN mailed_at BIGINT;
)sql"},
      // Messages that are about no case (e.g. a subscribed dataset's new version): case_id may be
      // null, and every message names what it is about (subject_code: the entry's code). SQLite
      // cannot drop NOT NULL in place, so the table is copied, in id order.
      {402, "workflow: notifications without a case", R"sql(
CREATE TABLE notifications_402 (
  id {{ID}},
  user_id BIGINT NOT NULL,
  case_id BIGINT REFERENCES workflow_cases(id),
  subject_code TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  read_at BIGINT,
  mailed_at BIGINT
);
INSERT INTO notifications_402 (user_id, case_id, subject_code, kind, title, body, created_at, read_at, mailed_at)
  SELECT n.user_id, n.case_id, COALESCE(c.subject_code, ''), n.kind, n.title, n.body, n.created_at, n.read_at,
         n.mailed_at
  FROM notifications n LEFT JOIN workflow_cases c ON c.id = n.case_id ORDER BY n.id;
DROP TABLE notifications;
ALTER TABLE notifications_402 RENAME TO notifications;
CREATE INDEX notifications_user ON notifications(user_id, created_at);
)sql"},
      // Case engine v2 (issue 11): the parties of a case, the procedure-wide deadline and the
      // stopped clock of a correction (补正). Cases opened before keep who could see them: the
      // organisation they concern (as provider, or as applicant for industry entries, with the
      // submitting user) and every authority (region '' is the whole deployment).
      {403, "workflow: parties, procedure deadlines, suspended clocks", R"sql(
CREATE TABLE workflow_parties (
  id {{ID}},
  case_id BIGINT NOT NULL REFERENCES workflow_cases(id),
  role TEXT NOT NULL,
  user_id BIGINT,
  org_id BIGINT,
  region TEXT NOT NULL
);
CREATE INDEX workflow_parties_case ON workflow_parties(case_id);
CREATE INDEX workflow_parties_org ON workflow_parties(org_id);
CREATE INDEX workflow_parties_user ON workflow_parties(user_id);
ALTER TABLE workflow_cases ADD COLUMN final_due_date TEXT;
ALTER TABLE workflow_cases ADD COLUMN suspended_at BIGINT;
INSERT INTO workflow_parties (case_id, role, user_id, org_id, region)
  SELECT id, 'provider', NULL, owner_org_id, '' FROM workflow_cases WHERE type NOT IN ('industry_entry', 'open_list')
  ORDER BY id;
INSERT INTO workflow_parties (case_id, role, user_id, org_id, region)
  SELECT id, 'applicant', created_by, owner_org_id, '' FROM workflow_cases WHERE type = 'industry_entry' ORDER BY id;
INSERT INTO workflow_parties (case_id, role, user_id, org_id, region)
  SELECT id, 'authority', NULL, NULL, '' FROM workflow_cases ORDER BY id;
)sql"},
  };
}

}  // namespace kf::workflow
