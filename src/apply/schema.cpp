#include "apply/apply.h"

namespace kf::apply {

std::vector<db::Migration> migrations() {
  return {
      {900, "apply: materials, agreements, grants and their use, dishonest lists, user grades", R"sql(
CREATE TABLE apply_attachments (
  id {{ID}},
  owner_user_id BIGINT NOT NULL,
  case_id BIGINT,
  kind TEXT NOT NULL,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  content {{BLOB}} NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX apply_attachments_case ON apply_attachments(case_id);
CREATE TABLE apply_agreements (
  id {{ID}},
  case_id BIGINT NOT NULL UNIQUE,
  text TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  template_name TEXT NOT NULL,
  signer_user_id BIGINT NOT NULL,
  signer_name TEXT NOT NULL,
  signed_at BIGINT NOT NULL,
  address TEXT NOT NULL
);
CREATE TABLE apply_grants (
  id {{ID}},
  case_id BIGINT NOT NULL UNIQUE,
  entry_code TEXT NOT NULL,
  entry_name TEXT NOT NULL,
  provider_id BIGINT NOT NULL,
  holder_user_id BIGINT NOT NULL,
  holder_org_id BIGINT,
  holder_name TEXT NOT NULL,
  fields TEXT NOT NULL,
  channels TEXT NOT NULL,
  calls_per_day BIGINT,
  rows_per_day BIGINT,
  purpose TEXT NOT NULL,
  starts_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  state TEXT NOT NULL,
  state_reason TEXT NOT NULL,
  rectify_by TEXT,
  report_due TEXT,
  app_due TEXT,
  created_at BIGINT NOT NULL
);
CREATE INDEX apply_grants_entry ON apply_grants(entry_code);
CREATE TABLE apply_grant_uses (
  id {{ID}},
  grant_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  channel TEXT NOT NULL,
  row_count BIGINT NOT NULL,
  bytes BIGINT NOT NULL,
  fields TEXT NOT NULL,
  day TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX apply_grant_uses_day ON apply_grant_uses(grant_id, day);
CREATE TABLE apply_grant_events (
  id {{ID}},
  grant_id BIGINT NOT NULL,
  holder_user_id BIGINT NOT NULL,
  holder_org_id BIGINT,
  action TEXT NOT NULL,
  reason TEXT NOT NULL,
  attachment_id BIGINT,
  by_user_id BIGINT NOT NULL,
  by_name TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX apply_grant_events_grant ON apply_grant_events(grant_id);
CREATE TABLE apply_dishonest (
  id {{ID}},
  list_kind TEXT NOT NULL,
  key_kind TEXT NOT NULL,
  key_hash TEXT NOT NULL,
  source TEXT NOT NULL,
  listed_on TEXT NOT NULL,
  imported_at BIGINT NOT NULL,
  imported_by BIGINT NOT NULL
);
CREATE INDEX apply_dishonest_key ON apply_dishonest(key_hash);
CREATE TABLE apply_samples (
  entry_code TEXT PRIMARY KEY,
  csv TEXT NOT NULL,
  uploaded_by BIGINT NOT NULL,
  uploaded_at BIGINT NOT NULL
);
CREATE TABLE apply_grades (
  subject_kind TEXT NOT NULL,
  subject_id BIGINT NOT NULL,
  grade TEXT NOT NULL,
  evidence TEXT NOT NULL,
  set_by BIGINT NOT NULL,
  set_at BIGINT NOT NULL,
  PRIMARY KEY (subject_kind, subject_id)
);
)sql"},
      {901, "apply: reminders and overdue marks of grants' obligations and expiry", R"sql(
ALTER TABLE apply_grants ADD COLUMN app_reminded_at BIGINT;
ALTER TABLE apply_grants ADD COLUMN app_overdue_at BIGINT;
ALTER TABLE apply_grants ADD COLUMN expiry_reminded_at BIGINT;
)sql"},
      {902, "apply: reminders and overdue marks of the periodic usage reports", R"sql(
ALTER TABLE apply_grants ADD COLUMN report_reminded_at BIGINT;
ALTER TABLE apply_grants ADD COLUMN report_overdue_at BIGINT;
)sql"},
      {903, "apply: periodic re-evaluation of conditional entries (CLS-5)", R"sql(
CREATE TABLE apply_reevaluations (
  id {{ID}},
  entry_code TEXT NOT NULL,
  conclusion TEXT NOT NULL,
  note TEXT NOT NULL,
  by_user_id BIGINT NOT NULL,
  by_name TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX apply_reevaluations_entry ON apply_reevaluations(entry_code);
CREATE TABLE apply_reevaluation_reminders (
  entry_code TEXT NOT NULL,
  due_on TEXT NOT NULL,
  reminded_at BIGINT NOT NULL,
  PRIMARY KEY (entry_code, due_on)
);
)sql"},
      {904, "apply: every change of a user's or an organisation's grade, with its cause", R"sql(
CREATE TABLE apply_grade_changes (
  id {{ID}},
  subject_kind TEXT NOT NULL,
  subject_id BIGINT NOT NULL,
  from_grade TEXT,
  to_grade TEXT,
  reason TEXT NOT NULL,
  case_id BIGINT,
  grant_id BIGINT,
  by_user_id BIGINT NOT NULL,
  by_name TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX apply_grade_changes_subject ON apply_grade_changes(subject_kind, subject_id);
INSERT INTO apply_grade_changes (subject_kind, subject_id, from_grade, to_grade, reason, by_user_id, by_name, at)
  SELECT subject_kind, subject_id, NULL, grade, '主管部门直接评定', set_by, '', set_at FROM apply_grades;
)sql"},
  };
}

}  // namespace kf::apply
