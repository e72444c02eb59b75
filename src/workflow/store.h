// Private to the workflow module: the SQL of cases and how rows become cases.
#pragma once

#include <string>
#include <vector>

#include "workflow/workflow.h"

namespace kf::workflow {

namespace sql {

inline constexpr const char* kCaseColumns =
    "id, type, title, subject_code, owner_org_id, state, stage_index, stages, assignee_role, assignee_org_id, "
    "due_date, stage_started_at, round, reminded_at, overdue_at, escalated_at, created_by, created_by_name, "
    "created_at, updated_at, payload, final_due_date, suspended_at";
inline constexpr const char* kSelectCase =
    "SELECT id, type, title, subject_code, owner_org_id, state, stage_index, stages, assignee_role, assignee_org_id, "
    "due_date, stage_started_at, round, reminded_at, overdue_at, escalated_at, created_by, created_by_name, "
    "created_at, updated_at, payload, final_due_date, suspended_at FROM workflow_cases";
inline constexpr const char* kInsertCase =
    "INSERT INTO workflow_cases (type, title, subject_code, owner_org_id, state, stage_index, stages, assignee_role, "
    "assignee_org_id, due_date, stage_started_at, round, created_by, created_by_name, created_at, updated_at, payload, "
    "final_due_date) VALUES (?, ?, ?, ?, 'open', 0, ?, ?, ?, NULL, ?, 1, ?, ?, ?, ?, ?, ?) RETURNING id";
inline constexpr const char* kSaveCase =
    "UPDATE workflow_cases SET state = ?, stage_index = ?, assignee_role = ?, assignee_org_id = ?, due_date = ?, "
    "stage_started_at = ?, round = ?, reminded_at = ?, overdue_at = ?, escalated_at = ?, updated_at = ?, payload = ?, "
    "final_due_date = ?, suspended_at = ? WHERE id = ?";
// Optimistic: a concurrent action on the same case makes one of them fail instead of both applying.
inline constexpr const char* kClaimCase = "UPDATE workflow_cases SET updated_at = ? WHERE id = ? AND updated_at = ?";
inline constexpr const char* kParties =
    "SELECT role, user_id, org_id, region FROM workflow_parties WHERE case_id = ? ORDER BY id";
inline constexpr const char* kPartiesOfMany = "SELECT case_id, role, user_id, org_id, region FROM workflow_parties";
inline constexpr const char* kInsertParty =
    "INSERT INTO workflow_parties (case_id, role, user_id, org_id, region) VALUES (?, ?, ?, ?, ?)";
inline constexpr const char* kInsertEvent =
    "INSERT INTO workflow_events (case_id, at, actor_name, action, stage_key, stage_label, comment, round, attachments) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, '[]')";
inline constexpr const char* kEvents =
    "SELECT at, actor_name, action, stage_key, stage_label, comment, round, attachments FROM workflow_events "
    "WHERE case_id = ? ORDER BY id";
inline constexpr const char* kTimerCandidates =
    "SELECT id, type, title, subject_code, owner_org_id, state, stage_index, stages, assignee_role, assignee_org_id, "
    "due_date, stage_started_at, round, reminded_at, overdue_at, escalated_at, created_by, created_by_name, "
    "created_at, updated_at, payload, final_due_date, suspended_at FROM workflow_cases "
    "WHERE state IN ('open', 'returned') AND due_date IS NOT NULL AND overdue_at IS NULL";
inline constexpr const char* kClaimOverdue =
    "UPDATE workflow_cases SET overdue_at = ?, escalated_at = ?, reminded_at = COALESCE(reminded_at, ?) "
    "WHERE id = ? AND overdue_at IS NULL AND stage_started_at = ?";
inline constexpr const char* kClaimReminder =
    "UPDATE workflow_cases SET reminded_at = ? WHERE id = ? AND reminded_at IS NULL AND stage_started_at = ?";

}  // namespace sql

boost::json::object stage_to_json(const StageDef& s);
std::vector<StageDef> stages_from_json(const boost::json::value& v);
std::string stages_text(const std::vector<StageDef>& stages);
Case case_from_row(const db::Row& r);  // without parties
db::Value opt_value(const std::optional<std::int64_t>& v);
db::Value opt_value(const std::optional<std::string>& v);
Result<void> save_case(db::Connection& conn, const Case& c);
Result<std::vector<Party>> load_parties(db::Connection& conn, std::int64_t case_id);
Result<void> insert_parties(db::Connection& conn, std::int64_t case_id, const std::vector<Party>& parties);
// The cases of a query on kSelectCase, each with its parties.
Result<std::vector<Case>> with_parties(db::Connection& conn, db::ResultSet rs);

}  // namespace kf::workflow
