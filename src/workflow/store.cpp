// Cases in the database: columns, rows, parties, history.
#include <fmt/format.h>

#include "core/clock.h"
#include "workflow/store.h"

namespace kf::workflow {

namespace json = boost::json;

namespace {

json::array strings_json(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

json::object map_json(const std::map<std::string, std::string>& m) {
  json::object o;
  for (const auto& [k, v] : m) o[k] = v;
  return o;
}

std::vector<std::string> strings_of(const json::object& o, const char* key) {
  std::vector<std::string> out;
  if (const auto* a = o.if_contains(key)) {
    for (const auto& x : a->as_array()) out.emplace_back(x.as_string());
  }
  return out;
}

std::map<std::string, std::string> map_of(const json::object& o, const char* key) {
  std::map<std::string, std::string> out;
  if (const auto* m = o.if_contains(key)) {
    for (const auto& [k, v] : m->as_object()) out.emplace(std::string(k), std::string(v.as_string()));
  }
  return out;
}

std::optional<std::int64_t> opt_int(const db::Row& r, std::size_t i) {
  if (r.is_null(i)) return std::nullopt;
  return r.int64(i);
}

}  // namespace

json::object stage_to_json(const StageDef& s) {
  json::object o{{"key", s.key},
                 {"label", s.label},
                 {"assignee", s.assignee},
                 {"deadline_wd", s.deadline_wd},
                 {"actions", strings_json(s.actions)},
                 {"optional", s.optional}};
  if (!s.rounds.empty()) o["rounds"] = strings_json(s.rounds);
  if (s.deadline_cycles > 0) o["deadline_cycles"] = s.deadline_cycles;
  if (!s.outcomes.empty()) o["outcomes"] = map_json(s.outcomes);
  if (!s.outcome_labels.empty()) o["outcome_labels"] = map_json(s.outcome_labels);
  return o;
}

std::vector<StageDef> stages_from_json(const json::value& v) {
  std::vector<StageDef> out;
  for (const auto& s : v.as_array()) {
    const auto& o = s.as_object();
    StageDef d;
    d.key = std::string(o.at("key").as_string());
    d.label = std::string(o.at("label").as_string());
    d.assignee = std::string(o.at("assignee").as_string());
    d.deadline_wd = static_cast<int>(o.at("deadline_wd").as_int64());
    d.actions = strings_of(o, "actions");
    if (const auto* opt = o.if_contains("optional")) d.optional = opt->as_bool();
    d.rounds = strings_of(o, "rounds");
    if (const auto* c = o.if_contains("deadline_cycles")) d.deadline_cycles = static_cast<int>(c->as_int64());
    d.outcomes = map_of(o, "outcomes");
    d.outcome_labels = map_of(o, "outcome_labels");
    // Rows written before parties existed name applicants' stages "applicant" already; the
    // API's "user" never reached the stored stages.
    out.push_back(std::move(d));
  }
  return out;
}

std::string stages_text(const std::vector<StageDef>& stages) {
  json::array a;
  for (const auto& s : stages) a.push_back(stage_to_json(s));
  return json::serialize(a);
}

Case case_from_row(const db::Row& r) {
  Case c;
  c.id = r.int64(0);
  c.type = r.text(1);
  c.title = r.text(2);
  c.subject_code = r.text(3);
  c.owner_org_id = r.int64(4);
  c.state = r.text(5);
  c.stage_index = static_cast<int>(r.int64(6));
  c.stages = stages_from_json(json::parse(r.text(7)));
  c.assignee_role = r.text(8);
  c.assignee_org_id = opt_int(r, 9);
  if (!r.is_null(10)) c.due_date = r.text(10);
  c.stage_started_at = r.int64(11);
  c.round = static_cast<int>(r.int64(12));
  c.reminded_at = opt_int(r, 13);
  c.overdue_at = opt_int(r, 14);
  c.escalated_at = opt_int(r, 15);
  c.created_by = r.int64(16);
  c.created_by_name = r.text(17);
  c.created_at = r.int64(18);
  c.updated_at = r.int64(19);
  c.payload = json::parse(r.text(20)).as_object();
  if (!r.is_null(21)) c.final_due_date = r.text(21);
  c.suspended_at = opt_int(r, 22);
  return c;
}

db::Value opt_value(const std::optional<std::int64_t>& v) { return v ? db::Value{*v} : db::Value{}; }
db::Value opt_value(const std::optional<std::string>& v) { return v ? db::Value{*v} : db::Value{}; }

Result<void> save_case(db::Connection& conn, const Case& c) {
  KF_TRY(conn.query(sql::kSaveCase,
                    {c.state, std::int64_t{c.stage_index}, c.assignee_role, opt_value(c.assignee_org_id),
                     opt_value(c.due_date), c.stage_started_at, std::int64_t{c.round}, opt_value(c.reminded_at),
                     opt_value(c.overdue_at), opt_value(c.escalated_at), c.updated_at, json::serialize(c.payload),
                     opt_value(c.final_due_date), opt_value(c.suspended_at), c.id}));
  return kf::ok();
}

Result<std::vector<Party>> load_parties(db::Connection& conn, std::int64_t case_id) {
  KF_ASSIGN(auto rs, conn.query(sql::kParties, {case_id}));
  std::vector<Party> out;
  for (const auto& r : rs.rows) out.push_back({r.text(0), opt_int(r, 1), opt_int(r, 2), r.text(3)});
  return out;
}

Result<void> insert_parties(db::Connection& conn, std::int64_t case_id, const std::vector<Party>& parties) {
  for (const auto& p : parties) {
    KF_TRY(conn.query(sql::kInsertParty, {case_id, p.role, opt_value(p.user_id), opt_value(p.org_id), p.region}));
  }
  return kf::ok();
}

Result<std::vector<Case>> with_parties(db::Connection& conn, db::ResultSet rs) {
  std::vector<Case> out;
  out.reserve(rs.rows.size());
  std::map<std::int64_t, std::size_t> index;
  for (const auto& r : rs.rows) {
    index[r.int64(0)] = out.size();
    out.push_back(case_from_row(r));
  }
  if (out.empty()) return out;
  // One query for the parties of every case listed (ids come from the database).
  std::string ids;
  for (const auto& c : out) ids += (ids.empty() ? "" : ",") + std::to_string(c.id);
  KF_ASSIGN(auto ps, conn.query(fmt::format("{} WHERE case_id IN ({}) ORDER BY id", sql::kPartiesOfMany, ids)));
  for (const auto& r : ps.rows) {
    out[index.at(r.int64(0))].parties.push_back({r.text(1), opt_int(r, 2), opt_int(r, 3), r.text(4)});
  }
  return out;
}

}  // namespace kf::workflow
