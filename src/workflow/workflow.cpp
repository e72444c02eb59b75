#include "workflow/workflow.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "notify/mailer.h"

#include <algorithm>
#include <chrono>

namespace kf::workflow {

namespace json = boost::json;

namespace {

constexpr std::int64_t kChinaOffsetMs = 8LL * 3600 * 1000;

constexpr const char* kCaseColumns =
    "id, type, title, subject_code, owner_org_id, state, stage_index, stages, assignee_role, assignee_org_id, "
    "due_date, stage_started_at, round, reminded_at, overdue_at, escalated_at, created_by, created_by_name, "
    "created_at, updated_at, payload";

json::object stage_to_json(const StageDef& s) {
  json::array actions;
  for (const auto& a : s.actions) actions.emplace_back(a);
  return {{"key", s.key},           {"label", s.label},     {"assignee", s.assignee},
          {"deadline_wd", s.deadline_wd}, {"actions", actions}, {"optional", s.optional}};
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
    for (const auto& a : o.at("actions").as_array()) d.actions.emplace_back(a.as_string());
    if (const auto* opt = o.if_contains("optional")) d.optional = opt->as_bool();
    out.push_back(std::move(d));
  }
  return out;
}

std::optional<std::int64_t> opt_int(const db::Row& r, std::size_t i) {
  if (r.is_null(i)) return std::nullopt;
  return r.int64(i);
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
  return c;
}

std::string stages_text(const std::vector<StageDef>& stages) {
  json::array a;
  for (const auto& s : stages) a.push_back(stage_to_json(s));
  return json::serialize(a);
}

db::Value opt_value(const std::optional<std::int64_t>& v) { return v ? db::Value{*v} : db::Value{}; }
db::Value opt_value(const std::optional<std::string>& v) { return v ? db::Value{*v} : db::Value{}; }

// The actions a stage allows when its profile lists none: the submitter's stage resubmits or
// withdraws, review stages decide.
std::vector<std::string> allowed_actions(const Case& c) {
  // The submitter's stage always resubmits or withdraws, whatever else its profile lists.
  if (c.stage_index == 0) return {"resubmit", "withdraw"};
  if (!c.stage().actions.empty()) return c.stage().actions;
  return {"approve", "reject", "return", "escalate"};
}

const char* action_label(std::string_view a) {
  if (a == "submit") return "提交";
  if (a == "approve") return "通过";
  if (a == "reject") return "退回";
  if (a == "return") return "退回修改";
  if (a == "resubmit") return "重新提交";
  if (a == "withdraw") return "撤回";
  if (a == "escalate") return "提请主管部门督办";
  if (a == "overdue") return "逾期";
  return "处理";
}

}  // namespace

std::string china_date(std::int64_t ms) {
  using namespace std::chrono;
  const auto tp = sys_time<milliseconds>(milliseconds(ms + kChinaOffsetMs));
  const year_month_day ymd{floor<days>(tp)};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

bool Actor::is(std::string_view role) const { return std::find(roles.begin(), roles.end(), role) != roles.end(); }
bool Actor::member_of(std::int64_t org) const {
  return std::find(org_ids.begin(), org_ids.end(), org) != org_ids.end();
}

Engine::Engine(db::Pool& pool, const core::Clock& clock, const WorkingDays& days, Recipients recipients,
               int reminder_lead_wd)
    : pool_(pool), clock_(clock), days_(days), recipients_(std::move(recipients)), reminder_lead_wd_(reminder_lead_wd) {}

bool Engine::may_act(const Actor& a, const Case& c) const {
  if (c.closed()) return false;
  if (c.assignee_role == "authority" && a.is("admin")) return true;
  if (!a.is(c.assignee_role)) return false;
  return !c.assignee_org_id || a.member_of(*c.assignee_org_id);
}

std::optional<int> Engine::days_left(const Case& c) const {
  if (!c.due_date || c.closed()) return std::nullopt;
  return days_.between(china_date(clock_.now_ms()), *c.due_date);
}

Result<Case> Engine::load(db::Connection& conn, std::int64_t id) {
  KF_ASSIGN(auto rs, conn.query(fmt::format("SELECT {} FROM workflow_cases WHERE id = ?", kCaseColumns), {id}));
  if (rs.rows.empty()) return Error::not_found("事项不存在");
  return case_from_row(rs.rows[0]);
}

Result<void> Engine::save(db::Connection& conn, const Case& c) {
  KF_TRY(conn.query("UPDATE workflow_cases SET state = ?, stage_index = ?, assignee_role = ?, assignee_org_id = ?, "
                    "due_date = ?, stage_started_at = ?, round = ?, reminded_at = ?, overdue_at = ?, escalated_at = ?, "
                    "updated_at = ?, payload = ? WHERE id = ?",
                    {c.state, std::int64_t{c.stage_index}, c.assignee_role, opt_value(c.assignee_org_id),
                     opt_value(c.due_date), c.stage_started_at, std::int64_t{c.round}, opt_value(c.reminded_at),
                     opt_value(c.overdue_at), opt_value(c.escalated_at), c.updated_at, json::serialize(c.payload), c.id}));
  return kf::ok();
}

Result<void> Engine::record(db::Connection& conn, const Case& c, const Actor* a, const std::string& action,
                            const std::string& comment) {
  KF_TRY(conn.query("INSERT INTO workflow_events (case_id, at, actor_name, action, stage_key, stage_label, comment, "
                    "round, attachments) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '[]')",
                    {c.id, clock_.now_ms(), a ? a->username : std::string("system"), action, c.stage().key,
                     c.stage().label, comment, std::int64_t{c.round}}));
  return kf::ok();
}

Result<void> Engine::notify(db::Connection& conn, const Case& c, const std::string& role,
                            std::optional<std::int64_t> org, const std::string& kind, const std::string& title,
                            const std::string& body) {
  KF_ASSIGN(auto users, recipients_(role, org));
  std::int64_t now = clock_.now_ms();
  for (auto u : users) {
    KF_TRY(conn.query("INSERT INTO notifications (user_id, case_id, subject_code, kind, title, body, created_at) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?)",
                      {u, c.id, c.subject_code, kind, title, body, now}));
  }
  return kf::ok();
}

Result<void> Engine::enter_stage(db::Connection& conn, Case& c, int index, std::int64_t now) {
  c.stage_index = index;
  const StageDef& s = c.stage();
  c.assignee_role = s.assignee;
  c.assignee_org_id.reset();
  if (s.assignee == "provider" || s.assignee == "applicant") {
    // Applicants are any registered member of the applying organisation.
    c.assignee_role = s.assignee == "applicant" ? "user" : "provider";
    c.assignee_org_id = c.owner_org_id;
  }
  c.due_date.reset();
  if (s.deadline_wd > 0) c.due_date = days_.add(china_date(now), s.deadline_wd);
  c.stage_started_at = now;
  c.reminded_at.reset();
  c.overdue_at.reset();
  c.escalated_at.reset();
  std::string body = c.due_date ? fmt::format("请在 {} 前完成{}（{} 个工作日）", *c.due_date, s.label, s.deadline_wd)
                                : fmt::format("请处理：{}", s.label);
  return notify(conn, c, c.assignee_role, c.assignee_org_id, "assigned", fmt::format("待办：{}", c.title), body);
}

Result<Case> Engine::submit(const Actor& a, NewCase nc, const std::string& comment) {
  if (nc.stages.size() < 2) return Error::internal("a procedure needs a submitting stage and a review stage");
  Case c;
  c.type = std::move(nc.type);
  c.title = std::move(nc.title);
  c.subject_code = std::move(nc.subject_code);
  c.owner_org_id = nc.owner_org_id;
  c.stages = std::move(nc.stages);
  c.payload = std::move(nc.payload);
  c.state = "open";
  c.created_by = a.user_id;
  c.created_by_name = a.username;
  std::int64_t now = clock_.now_ms();
  c.created_at = c.updated_at = c.stage_started_at = now;
  c.assignee_role = "provider";
  c.assignee_org_id = c.owner_org_id;
  KF_ASSIGN(auto conn, pool_.acquire());
  KF_TRY(db::transaction(*conn, [&]() -> Result<void> {
    KF_ASSIGN(auto rs, conn->query("INSERT INTO workflow_cases (type, title, subject_code, owner_org_id, state, stage_index, "
                                   "stages, assignee_role, assignee_org_id, due_date, stage_started_at, round, created_by, "
                                   "created_by_name, created_at, updated_at, payload) VALUES (?, ?, ?, ?, 'open', 0, ?, "
                                   "?, ?, NULL, ?, 1, ?, ?, ?, ?, ?) RETURNING id",
                                   {c.type, c.title, c.subject_code, c.owner_org_id, stages_text(c.stages),
                                    c.assignee_role, opt_value(c.assignee_org_id), now, c.created_by, c.created_by_name,
                                    now, now, json::serialize(c.payload)}));
    c.id = rs.rows.at(0).int64(0);
    KF_TRY(record(*conn, c, &a, "submit", comment));
    KF_TRY(enter_stage(*conn, c, 1, now));
    return save(*conn, c);
  }));
  return c;
}

Result<Case> Engine::get(std::int64_t id) {
  KF_ASSIGN(auto conn, pool_.acquire());
  return load(*conn, id);
}

Result<std::vector<Case>> Engine::list(const Actor& a, const CaseFilter& f) {
  KF_ASSIGN(auto conn, pool_.acquire());
  std::string sql = fmt::format("SELECT {} FROM workflow_cases WHERE 1 = 1", kCaseColumns);
  std::vector<db::Value> params;
  if (f.type) {
    sql += " AND type = ?";
    params.emplace_back(*f.type);
  }
  if (f.subject_code) {
    sql += " AND subject_code = ?";
    params.emplace_back(*f.subject_code);
  }
  if (f.open_only || f.assigned_to_me) sql += " AND state IN ('open', 'returned')";
  sql += " ORDER BY id DESC LIMIT 1000";
  KF_ASSIGN(auto rs, conn->query(sql, std::span<const db::Value>(params)));
  const bool sees_all = a.is("admin") || a.is("authority");
  std::vector<Case> out;
  for (const auto& r : rs.rows) {
    Case c = case_from_row(r);
    if (!sees_all && !a.member_of(c.owner_org_id)) continue;
    if (f.assigned_to_me && !may_act(a, c)) continue;
    out.push_back(std::move(c));
  }
  // Overdue first, then the soonest due, then the newest.
  std::stable_sort(out.begin(), out.end(), [](const Case& x, const Case& y) {
    if (x.closed() != y.closed()) return !x.closed();
    if (x.overdue_at.has_value() != y.overdue_at.has_value()) return x.overdue_at.has_value();
    if (x.due_date.has_value() != y.due_date.has_value()) return x.due_date.has_value();
    if (x.due_date && y.due_date && *x.due_date != *y.due_date) return *x.due_date < *y.due_date;
    return false;
  });
  return out;
}

Result<std::vector<Event>> Engine::history(std::int64_t id) {
  KF_ASSIGN(auto conn, pool_.acquire());
  KF_ASSIGN(auto rs, conn->query("SELECT at, actor_name, action, stage_key, stage_label, comment, round, attachments "
                                 "FROM workflow_events WHERE case_id = ? ORDER BY id",
                                 {id}));
  std::vector<Event> out;
  for (const auto& r : rs.rows) {
    Event e{r.int64(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), static_cast<int>(r.int64(6)), {}};
    const json::value attachments = json::parse(r.text(7));
    for (const auto& x : attachments.as_array()) e.attachments.emplace_back(x.as_string());
    out.push_back(std::move(e));
  }
  return out;
}

Result<Case> Engine::act(const Actor& a, std::int64_t id, const std::string& action, const std::string& comment,
                         const json::object& payload_update) {
  KF_ASSIGN(auto conn, pool_.acquire());
  Case c;
  KF_TRY(db::transaction(*conn, [&]() -> Result<void> {
    KF_ASSIGN(c, load(*conn, id));
    if (c.closed()) return Error::conflict("该事项已办结");
    const std::int64_t seen = c.updated_at;
    auto allowed = allowed_actions(c);
    // "reject" and "return" both send the case back with reasons: a profile listing one allows both.
    auto has = [&](std::string_view x) { return std::find(allowed.begin(), allowed.end(), x) != allowed.end(); };
    const bool listed = has(action) || (action == "reject" && has("return")) || (action == "return" && has("reject"));
    const bool by_submitter = a.member_of(c.owner_org_id) || a.user_id == c.created_by;
    if (action == "withdraw") {
      if (!by_submitter) return Error::denied("只有提交单位可以撤回");
    } else if (action == "escalate") {
      if (!may_act(a, c) && !a.is("authority") && !a.is("admin")) return Error::denied("无权处理该事项");
    } else {
      if (!listed) return Error::conflict(fmt::format("当前环节“{}”不能执行“{}”", c.stage().label, action_label(action)));
      if (!may_act(a, c)) return Error::denied("该事项当前不由你处理");
    }
    if ((action == "reject" || action == "return") && comment.empty()) {
      return Error::invalid("请填写退回原因", "comment");
    }
    if (action == "resubmit" && c.state != "returned") return Error::conflict("只有被退回的事项可以重新提交");
    std::int64_t now = clock_.now_ms();
    KF_TRY(record(*conn, c, &a, action, comment));
    for (const auto& [k, v] : payload_update) c.payload[k] = v;
    const std::string owner_role = c.stages.front().assignee == "applicant" ? "user" : "provider";
    if (action == "approve") {
      if (c.is_last_stage()) {
        c.state = "approved";
        c.due_date.reset();
        KF_TRY(notify(*conn, c, owner_role, c.owner_org_id, "approved", fmt::format("已通过：{}", c.title),
                      comment.empty() ? "审核通过" : comment));
      } else {
        KF_TRY(enter_stage(*conn, c, c.stage_index + 1, now));
      }
    } else if (action == "reject" || action == "return") {
      c.state = "returned";
      KF_TRY(enter_stage(*conn, c, 0, now));
      KF_TRY(notify(*conn, c, owner_role, c.owner_org_id, "returned", fmt::format("已退回：{}", c.title), comment));
    } else if (action == "resubmit") {
      c.state = "open";
      ++c.round;
      KF_TRY(enter_stage(*conn, c, 1, now));
    } else if (action == "withdraw") {
      c.state = "withdrawn";
      c.due_date.reset();
    } else if (action == "escalate") {
      c.escalated_at = now;
      KF_TRY(notify(*conn, c, "authority", std::nullopt, "escalated", fmt::format("督办：{}", c.title),
                    comment.empty() ? fmt::format("“{}”环节提请督办", c.stage().label) : comment));
    } else {
      return Error::invalid(fmt::format("未知操作：{}", action), "action");
    }
    c.updated_at = std::max(now, seen + 1);
    // Optimistic: a concurrent action on the same case makes this one fail instead of both.
    KF_ASSIGN(auto upd, conn->query("UPDATE workflow_cases SET updated_at = ? WHERE id = ? AND updated_at = ?",
                                    {c.updated_at, c.id, seen}));
    if (upd.affected != 1) return Error::conflict("该事项刚被他人处理，请刷新后再试");
    return save(*conn, c);
  }));
  return c;
}

Result<TickReport> Engine::tick() {
  TickReport report;
  const std::int64_t now = clock_.now_ms();
  const std::string today = china_date(now);
  KF_ASSIGN(auto conn, pool_.acquire());
  KF_ASSIGN(auto rs, conn->query(fmt::format("SELECT {} FROM workflow_cases WHERE state IN ('open', 'returned') "
                                             "AND due_date IS NOT NULL AND overdue_at IS NULL",
                                             kCaseColumns)));
  for (const auto& r : rs.rows) {
    Case c = case_from_row(r);
    const int left = days_.between(today, *c.due_date);
    const bool overdue = today > *c.due_date;
    if (!overdue && (c.reminded_at || left > reminder_lead_wd_)) continue;
    // Each timer is claimed by one conditional UPDATE: of several processes, one wins.
    KF_TRY(db::transaction(*conn, [&]() -> Result<void> {
      if (overdue) {
        KF_ASSIGN(auto claim, conn->query("UPDATE workflow_cases SET overdue_at = ?, escalated_at = ?, "
                                          "reminded_at = COALESCE(reminded_at, ?) WHERE id = ? AND overdue_at IS NULL "
                                          "AND stage_started_at = ?",
                                          {now, now, now, c.id, c.stage_started_at}));
        if (claim.affected != 1) return kf::ok();
        KF_TRY(conn->query("INSERT INTO workflow_events (case_id, at, actor_name, action, stage_key, stage_label, "
                           "comment, round, attachments) VALUES (?, ?, 'system', 'overdue', ?, ?, ?, ?, '[]')",
                           {c.id, now, c.stage().key, c.stage().label,
                            fmt::format("已超过办理期限（{}），提请主管部门督办", *c.due_date), std::int64_t{c.round}}));
        KF_TRY(notify(*conn, c, c.assignee_role, c.assignee_org_id, "overdue", fmt::format("已逾期：{}", c.title),
                      fmt::format("“{}”应于 {} 前完成，现已逾期", c.stage().label, *c.due_date)));
        KF_TRY(notify(*conn, c, "authority", std::nullopt, "escalated", fmt::format("逾期督办：{}", c.title),
                      fmt::format("“{}”环节应于 {} 前完成，已逾期", c.stage().label, *c.due_date)));
        ++report.overdue;
        ++report.escalated;
      } else {
        KF_ASSIGN(auto claim, conn->query("UPDATE workflow_cases SET reminded_at = ? WHERE id = ? AND reminded_at IS NULL "
                                          "AND stage_started_at = ?",
                                          {now, c.id, c.stage_started_at}));
        if (claim.affected != 1) return kf::ok();
        KF_TRY(notify(*conn, c, c.assignee_role, c.assignee_org_id, "reminder", fmt::format("即将到期：{}", c.title),
                      fmt::format("“{}”应于 {} 前完成，还剩 {} 个工作日", c.stage().label, *c.due_date, left)));
        ++report.reminders;
      }
      return kf::ok();
    }));
  }
  if (mailer_) {
    KF_ASSIGN(report.mailed, deliver_mail(*mailer_, email_of_));
  }
  return report;
}

Result<int> Engine::deliver_mail(Mailer& mailer,
                                 const std::function<std::optional<std::string>(std::int64_t)>& email_of) {
  const std::int64_t now = clock_.now_ms();
  KF_ASSIGN(auto conn, pool_.acquire());
  KF_ASSIGN(auto rs, conn->query("SELECT id, user_id, title, body FROM notifications WHERE mailed_at IS NULL "
                                 "AND created_at > ? ORDER BY id LIMIT 500",
                                 {now - 24LL * 3600 * 1000}));
  int sent = 0;
  for (const auto& r : rs.rows) {
    KF_ASSIGN(auto claim, conn->query("UPDATE notifications SET mailed_at = ? WHERE id = ? AND mailed_at IS NULL",
                                      {now, r.int64(0)}));
    if (claim.affected != 1) continue;
    auto to = email_of(r.int64(1));
    if (!to || to->empty()) continue;
    auto ok = mailer.send(*to, r.text(2), r.text(3) + "\n\n—— 开放 · 公共数据开放平台（请登录平台查看和办理）");
    if (!ok) {
      spdlog::warn("{{\"event\":\"mail_failed\",\"notification_id\":{},\"user_id\":{},\"error\":\"{}\"}}",
                   r.int64(0), r.int64(1), ok.error().message);
      continue;
    }
    ++sent;
  }
  return sent;
}

Result<std::vector<Notification>> Engine::inbox(std::int64_t user_id, bool unread_only) {
  KF_ASSIGN(auto conn, pool_.acquire());
  KF_ASSIGN(auto rs, conn->query(std::string("SELECT id, case_id, kind, title, body, created_at, read_at, subject_code FROM notifications "
                                             "WHERE user_id = ?") +
                                     (unread_only ? " AND read_at IS NULL" : "") + " ORDER BY id DESC LIMIT 200",
                                 {user_id}));
  std::vector<Notification> out;
  for (const auto& r : rs.rows) {
    out.push_back({r.int64(0), r.int64(1), r.text(2), r.text(3), r.text(4), r.int64(5), opt_int(r, 6), r.text(7)});
  }
  return out;
}

Result<void> Engine::mark_read(std::int64_t user_id, std::int64_t notification_id) {
  KF_ASSIGN(auto conn, pool_.acquire());
  KF_ASSIGN(auto rs, conn->query("UPDATE notifications SET read_at = COALESCE(read_at, ?) WHERE id = ? AND user_id = ?",
                                 {clock_.now_ms(), notification_id, user_id}));
  if (rs.affected == 0) return Error::not_found("消息不存在");
  return kf::ok();
}

json::object case_to_json(const Case& c, std::optional<int> days_left) {
  json::array stages;
  for (const auto& s : c.stages) stages.push_back(stage_to_json(s));
  auto ms = [](const std::optional<std::int64_t>& v) { return v ? json::value(core::iso8601(*v)) : json::value(nullptr); };
  return {{"id", c.id},
          {"type", c.type},
          {"title", c.title},
          {"subject_code", c.subject_code},
          {"owner_org_id", c.owner_org_id},
          {"state", c.state},
          {"stage", stage_to_json(c.stage())},
          {"stage_index", c.stage_index},
          {"stages", stages},
          {"assignee_role", c.assignee_role},
          {"assignee_org_id", c.assignee_org_id ? json::value(*c.assignee_org_id) : json::value(nullptr)},
          {"due_date", c.due_date ? json::value(*c.due_date) : json::value(nullptr)},
          {"working_days_left", days_left ? json::value(*days_left) : json::value(nullptr)},
          {"overdue", c.overdue_at.has_value()},
          {"reminded_at", ms(c.reminded_at)},
          {"escalated_at", ms(c.escalated_at)},
          {"round", c.round},
          {"created_by", c.created_by_name},
          {"created_at", core::iso8601(c.created_at)},
          {"updated_at", core::iso8601(c.updated_at)},
          {"payload", c.payload}};
}

json::object event_to_json(const Event& e) {
  return {{"at", core::iso8601(e.at)}, {"actor", e.actor},      {"action", e.action},   {"action_label", action_label(e.action)},
          {"stage_key", e.stage_key},  {"stage_label", e.stage_label}, {"comment", e.comment}, {"round", e.round}};
}

json::object notification_to_json(const Notification& n) {
  return {{"id", n.id},
          {"case_id", n.case_id},
          {"subject_code", n.subject_code},
          {"kind", n.kind},
          {"title", n.title},
          {"body", n.body},
          {"created_at", core::iso8601(n.created_at)},
          {"read", n.read_at.has_value()}};
}

}  // namespace kf::workflow
