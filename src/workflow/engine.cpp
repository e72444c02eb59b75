#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "policy/names.h"
#include "workflow/store.h"
#include "workflow/workflow.h"

namespace kf::workflow {

namespace json = boost::json;

namespace {

bool is_end(std::string_view s) { return s == "approved" || s == "rejected" || s == "closed" || s == "withdrawn"; }

bool contains(const std::vector<std::string>& v, std::string_view x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// The actions a stage allows: the submitter's stage resubmits or withdraws; review stages list
// theirs in the profile, or decide with the four verbs.
std::vector<std::string> stage_actions(const Case& c) {
  if (c.stage_index == 0) return {"resubmit", "withdraw"};
  if (!c.stage().actions.empty()) return c.stage().actions;
  return {"approve", "reject", "return", "escalate"};
}

// How the API names the holder of a stage (the inbox and the web app filter on it).
std::string api_role(const std::string& party_role) { return party_role == "applicant" ? "user" : party_role; }

const char* end_title(std::string_view state) {
  if (state == "approved") return "已通过";
  if (state == "rejected") return "未通过";
  if (state == "withdrawn") return "已撤回";
  return "已办结";
}

}  // namespace

std::string action_label(const StageDef* stage, std::string_view a) {
  if (stage) {
    if (auto it = stage->outcome_labels.find(std::string(a)); it != stage->outcome_labels.end()) return it->second;
  }
  if (a == "submit") return "提交";
  if (a == "approve") return "通过";
  if (a == "reject") return "退回";
  if (a == "return") return "退回修改";
  if (a == "resubmit") return "重新提交";
  if (a == "withdraw") return "撤回";
  if (a == "escalate") return "提请主管部门督办";
  if (a == "overdue") return "逾期";
  if (a == "request_correction") return "要求补正";
  if (a == "correct") return "提交补正";
  return policy::action_name(a) == a ? "处理" : policy::action_name(a);
}

bool Case::closed() const { return is_end(state); }

const Party* Case::party(std::string_view role) const {
  for (const auto& p : parties) {
    if (p.role == role) return &p;
  }
  return nullptr;
}

bool Actor::is(std::string_view role) const { return std::find(roles.begin(), roles.end(), role) != roles.end(); }
bool Actor::member_of(std::int64_t org) const {
  return std::find(org_ids.begin(), org_ids.end(), org) != org_ids.end();
}

Engine::Engine(db::Pool& pool, const core::Clock& clock, const WorkingDays& days, const Directory& directory,
               notify::Notifier& notifier, int reminder_lead_wd)
    : pool_(pool),
      clock_(clock),
      days_(days),
      directory_(directory),
      notifier_(notifier),
      reminder_lead_wd_(reminder_lead_wd) {}

void Engine::register_flow(std::shared_ptr<Flow> flow) {
  const std::string type = flow->type();
  flows_[type] = std::move(flow);
}

void Engine::add_timer(std::function<Result<TickReport>()> timer) { timers_.push_back(std::move(timer)); }

void Engine::add_hook(const std::string& type, TransitionHook hook) { hooks_[type].push_back(std::move(hook)); }

Flow* Engine::flow(const std::string& type) const {
  auto it = flows_.find(type);
  return it == flows_.end() ? nullptr : it->second.get();
}

// ---------------------------------------------------------------- parties and jurisdiction

bool Engine::has_jurisdiction(const Actor& a, const std::string& region) const {
  if (a.is("admin")) return true;
  if (!a.is("authority")) return false;
  // An authority account of no organisation is the deployment's own bureau.
  if (a.org_ids.empty()) return true;
  return std::any_of(a.org_ids.begin(), a.org_ids.end(),
                     [&](std::int64_t org) { return region_covers(directory_.region_of(org), region); });
}

bool Engine::holds(const Actor& a, const Case& c, const Party& p, bool to_act) const {
  (void)c;
  if (p.role == "applicant") {
    return (p.user_id && *p.user_id == a.user_id) || (p.org_id && *p.org_id != 0 && a.member_of(*p.org_id));
  }
  if (p.role == "provider" || p.role == "sharer") {
    if (!p.org_id || !a.member_of(*p.org_id)) return false;
    return !to_act || a.is(p.role) || a.is("admin");
  }
  if (p.role == "authority") return has_jurisdiction(a, p.region);
  if (p.role == "expert") return a.is("expert") && (!p.user_id || *p.user_id == a.user_id);
  return false;
}

bool Engine::visible(const Actor& a, const Case& c) const {
  if (a.is("admin") || a.user_id == c.created_by) return true;
  return std::any_of(c.parties.begin(), c.parties.end(), [&](const Party& p) { return holds(a, c, p, false); });
}

bool Engine::may_act(const Actor& a, const Case& c) const {
  if (c.closed()) return false;
  // While the case waits for a correction, the submitter holds it.
  const std::string& role = c.state == "waiting" ? c.stages.front().assignee : c.stage().assignee;
  if (const Party* p = c.party(role)) return holds(a, c, *p, true);
  // A stage whose party the case does not name: holders of the role (authority: anywhere).
  if (role == "authority") return has_jurisdiction(a, "");
  return a.is(role) && (!c.assignee_org_id || a.member_of(*c.assignee_org_id));
}

std::vector<AllowedAction> Engine::allowed(const Actor& a, const Case& c) const {
  std::vector<AllowedAction> out;
  if (c.closed()) return out;
  const Party* submitter = c.party(c.stages.front().assignee);
  const bool by_submitter = a.user_id == c.created_by || (submitter && holds(a, c, *submitter, false));
  auto add = [&](const std::string& code) {
    const bool reasons = code == "reject" || code == "return" || code == "request_correction" ||
                         (c.stage().outcomes.count(code) && c.stage().outcomes.at(code) == "rejected");
    out.push_back({code, action_label(&c.stage(), code), reasons});
  };
  if (c.state == "waiting") {
    if (may_act(a, c)) add("correct");
  } else if (may_act(a, c)) {
    for (const auto& x : stage_actions(c)) {
      if (x == "withdraw" && !by_submitter) continue;
      if (x == "resubmit" && c.state != "returned") continue;
      add(x);
    }
  } else if (c.stage_index > 0 && (a.is("authority") || a.is("admin")) && contains(stage_actions(c), "escalate")) {
    add("escalate");
  }
  // (The submitter may also withdraw while others hold the case; the page offers it only in the
  // submitter's own stage, as it always has.)
  return out;
}

Result<std::vector<std::int64_t>> Engine::holders(const Case& c, const std::string& role) const {
  const Party* p = c.party(role);
  if (role == "authority") return directory_.authorities_over(p ? p->region : std::string());
  if (!p) return std::vector<std::int64_t>{};
  std::vector<std::int64_t> out;
  if (role == "applicant") {
    if (p->org_id && *p->org_id != 0) {
      KF_ASSIGN(out, directory_.users_with_role("user", *p->org_id));
    }
    if (p->user_id) out.push_back(*p->user_id);
    return out;
  }
  if (role == "provider" || role == "sharer") {
    if (!p->org_id) return out;
    return directory_.users_with_role(role, *p->org_id);
  }
  if (role == "expert") {
    if (p->user_id) return std::vector<std::int64_t>{*p->user_id};
    return directory_.users_with_role("expert", std::nullopt);
  }
  return out;
}

Result<void> Engine::notify_party(db::Tx& tx, const Case& c, const std::string& role, const std::string& kind,
                                  const std::string& title, const std::string& body) {
  KF_ASSIGN(auto users, holders(c, role));
  return notifier_.send(tx, users, notify::Message{c.id, c.subject_code, kind, title, body});
}

// ---------------------------------------------------------------- deadlines

std::optional<std::string> Engine::stage_due(const Case& c, const StageDef& s, std::int64_t now) const {
  const std::string today = china_date(now);
  std::optional<std::string> due;
  int cycle_days = 0;
  if (const auto* cd = c.payload.if_contains("cycle_days"); cd && cd->is_int64()) cycle_days = static_cast<int>(cd->as_int64());
  if (!s.rounds.empty()) {
    due = round_due(today, s.rounds);
  } else if (s.deadline_cycles > 0 && cycle_days > 0) {
    due = add_calendar_days(today, s.deadline_cycles * cycle_days);
  } else if (s.deadline_wd > 0) {
    due = days_.add(today, s.deadline_wd);
  }
  // The procedure-wide deadline caps every stage after the submitter's.
  if (c.final_due_date && (!due || *c.final_due_date < *due) && &s != &c.stages.front()) due = c.final_due_date;
  return due;
}

std::optional<int> Engine::days_left(const Case& c) const {
  if (!c.due_date || c.closed()) return std::nullopt;
  // A stopped clock (补正) counts from the day it stopped.
  const std::int64_t at = c.suspended_at ? *c.suspended_at : clock_.now_ms();
  return days_.between(china_date(at), *c.due_date);
}

// ---------------------------------------------------------------- storage

Result<Case> Engine::load(db::Connection& conn, std::int64_t id) {
  KF_ASSIGN(auto rs, conn.query(std::string(sql::kSelectCase) + " WHERE id = ?", {id}));
  if (rs.rows.empty()) return Error::not_found("事项不存在");
  Case c = case_from_row(rs.rows[0]);
  KF_ASSIGN(c.parties, load_parties(conn, id));
  return c;
}

Result<void> Engine::save(db::Connection& conn, const Case& c) { return save_case(conn, c); }

Result<void> Engine::record(db::Connection& conn, const Case& c, const Actor* a, const std::string& action,
                            const std::string& comment) {
  KF_TRY(conn.query(sql::kInsertEvent, {c.id, clock_.now_ms(), a ? a->username : std::string("system"), action,
                                        c.stage().key, c.stage().label, comment, std::int64_t{c.round}}));
  return kf::ok();
}

Result<Case> Engine::get(std::int64_t id) {
  KF_ASSIGN(auto conn, pool_.acquire());
  return load(*conn, id);
}

Result<Case> Engine::get_visible(const Actor& a, std::int64_t id) {
  KF_ASSIGN(Case c, get(id));
  if (!visible(a, c)) return Error::not_found("事项不存在");
  return c;
}

Result<std::vector<Event>> Engine::history(std::int64_t id) {
  KF_ASSIGN(auto conn, pool_.acquire());
  KF_ASSIGN(auto rs, conn->query(sql::kEvents, {id}));
  std::vector<Event> out;
  for (const auto& r : rs.rows) {
    Event e{r.int64(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), static_cast<int>(r.int64(6)), {}};
    const json::value attachments = json::parse(r.text(7));
    for (const auto& x : attachments.as_array()) e.attachments.emplace_back(x.as_string());
    out.push_back(std::move(e));
  }
  return out;
}

Result<std::vector<Case>> Engine::list(const Actor& a, const CaseFilter& f) {
  KF_ASSIGN(auto conn, pool_.acquire());
  std::string q = std::string(sql::kSelectCase) + " WHERE 1 = 1";
  std::vector<db::Value> params;
  if (f.type) {
    q += " AND type = ?";
    params.emplace_back(*f.type);
  }
  if (f.subject_code) {
    q += " AND subject_code = ?";
    params.emplace_back(*f.subject_code);
  }
  if (f.open_only || f.assigned_to_me) q += " AND state IN ('open', 'returned', 'waiting')";
  q += " ORDER BY id DESC LIMIT 1000";
  KF_ASSIGN(auto rs, conn->query(q, std::span<const db::Value>(params)));
  KF_ASSIGN(auto all, with_parties(*conn, std::move(rs)));
  std::vector<Case> out;
  for (auto& c : all) {
    if (!visible(a, c)) continue;
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

// ---------------------------------------------------------------- opening a case

Result<void> Engine::enter_stage(db::Tx& tx, Case& c, int index, std::int64_t now) {
  c.stage_index = index;
  const StageDef& s = c.stage();
  c.assignee_role = api_role(s.assignee);
  c.assignee_org_id.reset();
  if (const Party* p = c.party(s.assignee); p && p->org_id && s.assignee != "authority") c.assignee_org_id = p->org_id;
  c.due_date = stage_due(c, s, now);
  c.stage_started_at = now;
  c.suspended_at.reset();
  c.reminded_at.reset();
  c.overdue_at.reset();
  c.escalated_at.reset();
  std::string body;
  if (c.due_date && !s.rounds.empty()) {
    body = fmt::format("请在本轮审核截止日 {} 前完成{}", *c.due_date, s.label);
  } else if (c.due_date) {
    const int wd = days_.between(china_date(now), *c.due_date);
    body = fmt::format("请在 {} 前完成{}（{} 个工作日）", *c.due_date, s.label, wd);
  } else {
    body = fmt::format("请处理：{}", s.label);
  }
  return notify_party(tx, c, s.assignee, "assigned", fmt::format("待办：{}", c.title), body);
}

// The transition of a case that ends when it is submitted (its only stage is the submitter's).
static Transition decided_at_submission(const NewCase& nc) {
  Transition t;
  t.action = "submit";
  t.from_stage = nc.stages.front().key;
  t.end_state = "approved";
  return t;
}

Result<Case> Engine::open_in(db::Tx& tx, const Actor& a, NewCase nc, const std::string& comment) {
  if (nc.stages.empty()) return Error::internal("a procedure needs at least the submitting stage");
  const bool decided = nc.stages.size() == 1;
  const Transition t = decided_at_submission(nc);  // used only when decided
  Case c;
  c.type = std::move(nc.type);
  c.title = std::move(nc.title);
  c.subject_code = std::move(nc.subject_code);
  c.owner_org_id = nc.owner_org_id;
  c.stages = std::move(nc.stages);
  c.payload = std::move(nc.payload);
  if (nc.cycle_days > 0) c.payload["cycle_days"] = nc.cycle_days;
  c.state = "open";
  c.created_by = a.user_id;
  c.created_by_name = a.username;
  const std::int64_t now = clock_.now_ms();
  c.created_at = c.updated_at = c.stage_started_at = now;
  // Parties: the submitter's from the first stage unless named, regions from the directory, and
  // the reviewing authority from the review level.
  c.parties = std::move(nc.parties);
  const std::string& first = c.stages.front().assignee;
  if (!c.party(first) && first != "authority") {
    Party p{first, std::nullopt, std::nullopt, ""};
    if (first == "applicant") p.user_id = a.user_id;
    if (c.owner_org_id != 0) p.org_id = c.owner_org_id;
    c.parties.push_back(p);
  }
  for (auto& p : c.parties) {
    if (p.region.empty() && p.org_id && *p.org_id != 0 && p.role != "authority") p.region = directory_.region_of(*p.org_id);
  }
  if (!c.party("authority")) {
    const std::string subject_region = c.owner_org_id != 0 ? directory_.region_of(c.owner_org_id) : std::string();
    c.parties.push_back({"authority", std::nullopt, std::nullopt, review_region(subject_region, nc.review_level)});
  }
  if (nc.procedure_deadline_wd > 0) c.final_due_date = days_.add(china_date(now), nc.procedure_deadline_wd);
  c.assignee_role = api_role(first);
  if (const Party* p = c.party(first); p && p->org_id) c.assignee_org_id = p->org_id;
  KF_ASSIGN(auto rs, tx->query(sql::kInsertCase,
                               {c.type, c.title, c.subject_code, c.owner_org_id, stages_text(c.stages), c.assignee_role,
                                opt_value(c.assignee_org_id), now, c.created_by, c.created_by_name, now, now,
                                json::serialize(c.payload), opt_value(c.final_due_date)}));
  c.id = rs.rows.at(0).int64(0);
  KF_TRY(insert_parties(tx.conn(), c.id, c.parties));
  KF_TRY(record(tx.conn(), c, &a, "submit", comment));
  if (!decided) {
    KF_TRY(enter_stage(tx, c, 1, now));
    KF_TRY(save(tx.conn(), c));
    return c;
  }
  // Nothing left to review: the submission is the outcome, applied by the flow and the hooks in
  // this transaction as an approval would be.
  c.state = t.end_state;
  c.due_date.reset();
  Flow* f = flow(c.type);
  if (f) KF_TRY(f->apply(tx, a, c, t));
  for (const std::string& key : {c.type, std::string()}) {
    auto it = hooks_.find(key);
    if (it == hooks_.end()) continue;
    for (const auto& hook : it->second) KF_TRY(hook(tx, a, c, t));
  }
  KF_TRY(save(tx.conn(), c));
  return c;
}

Result<Case> Engine::submit(db::Tx& tx, const Actor& a, NewCase nc, const std::string& comment) {
  // A case decided at submission needs its flow's preparation outside any transaction.
  if (nc.stages.size() < 2) return Error::internal("a case that ends at submission is opened with submit(actor, …)");
  return open_in(tx, a, std::move(nc), comment);
}

Result<Case> Engine::submit(const Actor& a, NewCase nc, const std::string& comment) {
  // A case that ends at submission: the flow prepares (checks again, slow work) before the
  // transaction, as for an approval.
  Flow* f = nc.stages.size() == 1 ? flow(nc.type) : nullptr;
  std::optional<Case> draft;
  std::optional<Transition> decided;
  if (f) {
    Case d;
    d.type = nc.type;
    d.title = nc.title;
    d.subject_code = nc.subject_code;
    d.owner_org_id = nc.owner_org_id;
    d.stages = nc.stages;
    d.payload = nc.payload;
    d.parties = nc.parties;
    d.state = "open";
    d.created_by = a.user_id;
    d.created_by_name = a.username;
    decided = decided_at_submission(nc);
    KF_TRY(f->prepare(a, d, *decided));
    draft = std::move(d);
  }
  KF_ASSIGN(auto conn, pool_.acquire());
  Case c;
  auto done = db::with_tx(*conn, [&](db::Tx& tx) -> Result<void> {
    KF_ASSIGN(c, open_in(tx, a, std::move(nc), comment));
    return kf::ok();
  });
  if (!done) {
    if (f) f->undo_prepare(a, *draft, *decided);
    return done.error();
  }
  return c;
}

// ---------------------------------------------------------------- actions

Result<Transition> Engine::plan(const Actor& a, const Case& c, const std::string& action,
                                const std::string& comment) const {
  if (c.closed()) return Error::conflict("该事项已办结");
  Transition t;
  t.action = action;
  t.from_stage = c.stage().key;
  const auto actions = stage_actions(c);
  const StageDef& s = c.stage();
  // "reject" and "return" both send the case back with reasons: a profile listing one allows both.
  const bool listed = contains(actions, action) || (action == "reject" && contains(actions, "return")) ||
                      (action == "return" && contains(actions, "reject"));
  const Party* submitter = c.party(c.stages.front().assignee);
  const bool by_submitter = a.user_id == c.created_by || (submitter && holds(a, c, *submitter, false));
  auto to = [&](const std::string& target) -> Result<void> {
    if (is_end(target)) {
      t.end_state = target;
      return kf::ok();
    }
    auto it = std::find_if(c.stages.begin(), c.stages.end(), [&](const StageDef& x) { return x.key == target; });
    if (it == c.stages.end()) {
      return Error::conflict(fmt::format("“{}”通向的环节“{}”不在本事项的流程中，请联系主管部门检查政策配置",
                                         action_label(&s, action), target));
    }
    t.to_stage = target;
    t.returned = it == c.stages.begin();
    return kf::ok();
  };
  if (action == "withdraw") {
    if (!by_submitter) return Error::denied("只有提交方可以撤回");
    t.end_state = "withdrawn";
    return t;
  }
  if (action == "escalate") {
    if (!may_act(a, c) && !a.is("authority") && !a.is("admin")) return Error::denied("无权处理该事项");
    return t;
  }
  if (action == "correct") {
    if (c.state != "waiting") return Error::conflict("该事项没有待补正的材料");
    if (!may_act(a, c)) return Error::denied("只有提交方可以提交补正");
    t.to_stage = s.key;
    return t;
  }
  if (c.state == "waiting") return Error::conflict("该事项正在等待补正材料，补正后才能继续办理");
  const bool builtin = action == "approve" || action == "reject" || action == "return" || action == "resubmit" ||
                       action == "request_correction";
  if (!builtin && !s.outcomes.count(action)) return Error::invalid(fmt::format("未知操作：{}", action), "action");
  if (!listed) return Error::conflict(fmt::format("当前环节“{}”不能执行“{}”", s.label, action_label(&s, action)));
  if (!may_act(a, c)) return Error::denied("该事项当前不由你处理");
  const bool needs_reasons = action == "reject" || action == "return" || action == "request_correction" ||
                             (s.outcomes.count(action) && s.outcomes.at(action) == "rejected");
  if (needs_reasons && comment.empty()) return Error::invalid("请填写理由", "comment");
  if (action == "resubmit") {
    if (c.state != "returned") return Error::conflict("只有被退回的事项可以重新提交");
    t.to_stage = c.stages.at(1).key;
    return t;
  }
  if (action == "request_correction") {
    if (c.stage_index == 0) return Error::conflict("提交环节不能要求补正");
    return t;
  }
  if (auto it = s.outcomes.find(action); it != s.outcomes.end()) {
    KF_TRY(to(it->second));
    return t;
  }
  if (action == "approve") {
    if (c.is_last_stage()) t.end_state = "approved";
    else t.to_stage = c.stages.at(static_cast<std::size_t>(c.stage_index + 1)).key;
    return t;
  }
  // reject / return without an outcome of their own: back to the submitter.
  t.to_stage = c.stages.front().key;
  t.returned = true;
  return t;
}

Result<Case> Engine::act(const Actor& a, std::int64_t id, const std::string& action, const std::string& comment,
                         const json::object& payload_update) {
  KF_ASSIGN(Case before, get(id));
  KF_ASSIGN(Transition t, plan(a, before, action, comment));
  Flow* f = flow(before.type);
  json::object update = payload_update;
  if (f) KF_TRY(f->check(a, before, t, update));
  if (f) KF_TRY(f->prepare(a, before, t));
  KF_ASSIGN(auto conn, pool_.acquire());
  Case c;
  auto done = db::with_tx(*conn, [&](db::Tx& tx) -> Result<void> {
    KF_ASSIGN(c, load(*conn, id));
    if (c.updated_at != before.updated_at) return Error::conflict("该事项刚被他人处理，请刷新后再试");
    const std::int64_t now = clock_.now_ms();
    const std::int64_t seen = c.updated_at;
    KF_TRY(record(*conn, c, &a, action, comment));
    for (const auto& [k, v] : update) c.payload[k] = v;
    const std::string submitter = c.stages.front().assignee;
    if (!t.end_state.empty()) {
      c.state = t.end_state;
      c.due_date.reset();
      c.suspended_at.reset();
      if (t.end_state != "withdrawn") {
        KF_TRY(notify_party(tx, c, submitter, t.end_state, fmt::format("{}：{}", end_title(t.end_state), c.title),
                            comment.empty() ? fmt::format("办理结果：{}", action_label(&c.stage(), action)) : comment));
      }
    } else if (action == "escalate") {
      c.escalated_at = now;
      KF_TRY(notify_party(tx, c, "authority", "escalated", fmt::format("督办：{}", c.title),
                          comment.empty() ? fmt::format("“{}”环节提请督办", c.stage().label) : comment));
    } else if (action == "request_correction") {
      c.state = "waiting";
      c.suspended_at = now;
      KF_TRY(notify_party(tx, c, submitter, "correction", fmt::format("请补正：{}", c.title), comment));
    } else if (action == "correct") {
      // The clock ran again from today: the due dates move by the working days the case waited.
      const int waited = days_.between(china_date(*c.suspended_at), china_date(now));
      if (waited > 0) {
        if (c.due_date) c.due_date = days_.add(*c.due_date, waited);
        if (c.final_due_date) c.final_due_date = days_.add(*c.final_due_date, waited);
      }
      c.state = "open";
      c.suspended_at.reset();
      KF_TRY(notify_party(tx, c, c.stage().assignee, "assigned", fmt::format("待办：{}", c.title),
                          fmt::format("补正材料已提交，请继续办理：{}", c.stage().label)));
    } else {
      const auto next = std::find_if(c.stages.begin(), c.stages.end(),
                                     [&](const StageDef& x) { return x.key == t.to_stage; });
      const int index = static_cast<int>(next - c.stages.begin());
      if (t.returned) {
        c.state = "returned";
        KF_TRY(enter_stage(tx, c, 0, now));
        KF_TRY(notify_party(tx, c, submitter, "returned", fmt::format("已退回：{}", c.title), comment));
      } else {
        if (action == "resubmit") {
          c.state = "open";
          ++c.round;
        }
        KF_TRY(enter_stage(tx, c, index, now));
      }
    }
    if (f) KF_TRY(f->apply(tx, a, c, t));
    for (const std::string& key : {c.type, std::string()}) {
      auto it = hooks_.find(key);
      if (it == hooks_.end()) continue;
      for (const auto& hook : it->second) KF_TRY(hook(tx, a, c, t));
    }
    c.updated_at = std::max(now, seen + 1);
    KF_ASSIGN(auto claim, conn->query(sql::kClaimCase, {c.updated_at, c.id, seen}));
    if (claim.affected != 1) return Error::conflict("该事项刚被他人处理，请刷新后再试");
    return save(*conn, c);
  });
  if (!done) {
    if (f) f->undo_prepare(a, before, t);
    return done.error();
  }
  return c;
}

// ---------------------------------------------------------------- timers

Result<TickReport> Engine::tick() {
  TickReport report;
  const std::int64_t now = clock_.now_ms();
  const std::string today = china_date(now);
  KF_ASSIGN(auto conn, pool_.acquire());
  KF_ASSIGN(auto rs, conn->query(sql::kTimerCandidates));
  KF_ASSIGN(auto cases, with_parties(*conn, std::move(rs)));
  for (const auto& c : cases) {
    const int left = days_.between(today, *c.due_date);
    const bool overdue = today > *c.due_date;
    if (!overdue && (c.reminded_at || left > reminder_lead_wd_)) continue;
    // Each timer is claimed by one conditional UPDATE: of several processes, one wins.
    KF_TRY(db::with_tx(*conn, [&](db::Tx& tx) -> Result<void> {
      if (overdue) {
        KF_ASSIGN(auto claim, tx->query(sql::kClaimOverdue, {now, now, now, c.id, c.stage_started_at}));
        if (claim.affected != 1) return kf::ok();
        KF_TRY(tx->query(sql::kInsertEvent, {c.id, now, std::string("system"), std::string("overdue"), c.stage().key,
                                             c.stage().label,
                                             fmt::format("已超过办理期限（{}），提请主管部门督办", *c.due_date),
                                             std::int64_t{c.round}}));
        KF_TRY(notify_party(tx, c, c.stage().assignee, "overdue", fmt::format("已逾期：{}", c.title),
                            fmt::format("“{}”应于 {} 前完成，现已逾期", c.stage().label, *c.due_date)));
        KF_TRY(notify_party(tx, c, "authority", "escalated", fmt::format("逾期督办：{}", c.title),
                            fmt::format("“{}”环节应于 {} 前完成，已逾期", c.stage().label, *c.due_date)));
        ++report.overdue;
        ++report.escalated;
      } else {
        KF_ASSIGN(auto claim, tx->query(sql::kClaimReminder, {now, c.id, c.stage_started_at}));
        if (claim.affected != 1) return kf::ok();
        KF_TRY(notify_party(tx, c, c.stage().assignee, "reminder", fmt::format("即将到期：{}", c.title),
                            fmt::format("“{}”应于 {} 前完成，还剩 {} 个工作日", c.stage().label, *c.due_date, left)));
        ++report.reminders;
      }
      return kf::ok();
    }));
  }
  for (const auto& timer : timers_) {
    KF_ASSIGN(TickReport more, timer());
    report.reminders += more.reminders;
    report.overdue += more.overdue;
    report.escalated += more.escalated;
  }
  KF_ASSIGN(report.mailed, notifier_.deliver());
  return report;
}

// ---------------------------------------------------------------- JSON

json::object case_to_json(const Case& c, std::optional<int> days_left) {
  json::array stages;
  for (const auto& s : c.stages) stages.push_back(stage_to_json(s));
  json::array parties;
  for (const auto& p : c.parties) {
    json::object o{{"role", p.role}, {"role_label", policy::assignee_name(p.role)}};
    o["org_id"] = p.org_id ? json::value(*p.org_id) : json::value(nullptr);
    o["user_id"] = p.user_id ? json::value(*p.user_id) : json::value(nullptr);
    o["region"] = p.region;
    parties.push_back(std::move(o));
  }
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
          {"parties", parties},
          {"assignee_role", c.assignee_role},
          {"assignee_org_id", c.assignee_org_id ? json::value(*c.assignee_org_id) : json::value(nullptr)},
          {"due_date", c.due_date ? json::value(*c.due_date) : json::value(nullptr)},
          {"final_due_date", c.final_due_date ? json::value(*c.final_due_date) : json::value(nullptr)},
          {"working_days_left", days_left ? json::value(*days_left) : json::value(nullptr)},
          {"clock_stopped", c.suspended_at.has_value()},
          {"overdue", c.overdue_at.has_value()},
          {"reminded_at", ms(c.reminded_at)},
          {"escalated_at", ms(c.escalated_at)},
          {"round", c.round},
          {"created_by", c.created_by_name},
          {"created_at", core::iso8601(c.created_at)},
          {"updated_at", core::iso8601(c.updated_at)},
          {"payload", c.payload}};
}

json::object event_to_json(const Event& e, const Case* c) {
  const StageDef* stage = nullptr;
  if (c) {
    for (const auto& s : c->stages) {
      if (s.key == e.stage_key) stage = &s;
    }
  }
  return {{"at", core::iso8601(e.at)},
          {"actor", e.actor},
          {"action", e.action},
          {"action_label", action_label(stage, e.action)},
          {"stage_key", e.stage_key},
          {"stage_label", e.stage_label},
          {"comment", e.comment},
          {"round", e.round}};
}

}  // namespace kf::workflow
