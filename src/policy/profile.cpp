#include "policy/profile.h"

#include <fmt/format.h>

#include <algorithm>
#include <toml++/toml.h>

#include "policy/names.h"

namespace kf::policy {
namespace {

constexpr std::string_view kAssignees[] = {"authority", "provider", "applicant", "expert", "sharer", "system"};
constexpr std::string_view kActions[] = {"approve",  "reject",   "return",  "resubmit",
                                         "escalate", "withdraw", "request_correction"};
constexpr std::string_view kEndStates[] = {"approved", "rejected", "closed", "withdrawn"};

template <typename Range>
bool contains(const Range& r, std::string_view v) {
  return std::find(std::begin(r), std::end(r), v) != std::end(r);
}

template <typename Range>
std::string joined(const Range& r) {
  std::string out;
  for (const auto& x : r) out += (out.empty() ? "" : "、") + std::string(x);
  return out;
}

bool is_identifier(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

// "MM-DD" with a day that exists in a leap year.
bool is_month_day(std::string_view s) {
  if (s.size() != 5 || s[2] != '-') return false;
  for (std::size_t i : {0, 1, 3, 4}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  int m = (s[0] - '0') * 10 + (s[1] - '0');
  int d = (s[3] - '0') * 10 + (s[4] - '0');
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m >= 1 && m <= 12 && d >= 1 && d <= kDays[m - 1];
}

// Where a value sits, for messages: the file and, inside a procedure, which one and which stage.
struct Where {
  std::string_view file;
  std::string procedure;  // empty outside [[procedures]]
  std::string stage;      // empty outside [[procedures.stages]]
};

Error fail(const Where& w, const toml::node* n, std::string_view msg) {
  std::string line = n ? fmt::format("第 {} 行：", n->source().begin.line) : std::string();
  std::string context;
  if (!w.procedure.empty()) {
    context = "（流程 " + w.procedure + (w.stage.empty() ? "" : "，环节 " + w.stage) + "）";
  }
  Error e = Error::invalid(fmt::format("{}：{}{}{}", w.file, line, msg, context));
  e.field = w.procedure.empty() ? std::string() : w.procedure + (w.stage.empty() ? "" : "." + w.stage);
  return e;
}

// Refuses keys of `t` outside `known`; `prefix` names the table in the message ("flags.").
Result<void> known_keys(const Where& w, const toml::table& t, std::string_view prefix,
                        std::initializer_list<std::string_view> known) {
  for (const auto& [k, v] : t) {
    if (contains(known, k.str())) continue;
    if (prefix.empty() && v.is_table()) return fail(w, &v, fmt::format("未知的表 [{}]", k.str()));
    return fail(w, &v, fmt::format("未知的键 {}{}", prefix, k.str()));
  }
  return kf::ok();
}

// Typed reads of one key of a table: absent keys keep `out`; a wrong type is refused.
class Fields {
 public:
  Fields(const Where& w, const toml::table& t, std::string_view prefix) : w_(w), t_(t), prefix_(prefix) {}

  const toml::node* node(std::string_view key) const { return t_.get(key); }

  Result<void> text(std::string_view key, std::string& out, bool required) {
    const toml::node* n = t_.get(key);
    if (!n) return required ? missing(key) : kf::ok();
    if (!n->is_string() || n->as_string()->get().empty()) return wrong(n, key, "非空字符串");
    out = n->as_string()->get();
    return kf::ok();
  }
  Result<void> number(std::string_view key, int& out) {
    const toml::node* n = t_.get(key);
    if (!n) return kf::ok();
    if (!n->is_integer()) return wrong(n, key, "整数（工作日数）");
    std::int64_t v = n->as_integer()->get();
    if (v < 0) return fail(w_, n, fmt::format("{}{} 不能为负数", prefix_, key));
    if (v > 3650) return fail(w_, n, fmt::format("{}{} 过大", prefix_, key));
    out = static_cast<int>(v);
    return kf::ok();
  }
  Result<void> flag(std::string_view key, bool& out) {
    const toml::node* n = t_.get(key);
    if (!n) return kf::ok();
    if (!n->is_boolean()) return wrong(n, key, "true 或 false");
    out = n->as_boolean()->get();
    return kf::ok();
  }
  Result<void> texts(std::string_view key, std::vector<std::string>& out) {
    const toml::node* n = t_.get(key);
    if (!n) return kf::ok();
    const toml::array* a = n->as_array();
    if (!a) return wrong(n, key, "字符串数组");
    out.clear();
    for (const auto& x : *a) {
      if (!x.is_string()) return wrong(&x, key, "字符串数组");
      out.push_back(x.as_string()->get());
    }
    return kf::ok();
  }
  // An inline table of strings: outcomes = { already_open = "closed", will_open = "open_work" }.
  Result<void> text_map(std::string_view key, std::map<std::string, std::string>& out) {
    const toml::node* n = t_.get(key);
    if (!n) return kf::ok();
    const toml::table* t = n->as_table();
    if (!t) return wrong(n, key, "表（名称 = \"值\"）");
    out.clear();
    for (const auto& [k, v] : *t) {
      if (!v.is_string() || v.as_string()->get().empty()) return wrong(&v, std::string(key) + "." + std::string(k.str()), "非空字符串");
      out.emplace(std::string(k.str()), v.as_string()->get());
    }
    return kf::ok();
  }
  Result<void> missing(std::string_view key) const {
    return fail(w_, &t_, fmt::format("缺少 {}{}", prefix_, key));
  }

 private:
  Result<void> wrong(const toml::node* n, std::string_view key, std::string_view want) const {
    return fail(w_, n, fmt::format("{}{} 应为{}", prefix_, key, want));
  }
  const Where& w_;
  const toml::table& t_;
  std::string_view prefix_;
};

// A table the file must have.
Result<const toml::table*> table_of(const Where& w, const toml::table& root, std::string_view key) {
  const toml::node* n = root.get(key);
  if (!n) return fail(w, nullptr, fmt::format("缺少 [{}] 表", key));
  if (!n->is_table()) return fail(w, n, fmt::format("{} 应为表 [{}]", key, key));
  return n->as_table();
}

Result<std::map<std::string, std::string>> read_labels(const Where& w, const toml::table& root,
                                                       std::string_view table,
                                                       std::initializer_list<std::string_view> keys) {
  KF_ASSIGN(const toml::table* t, table_of(w, root, table));
  std::string prefix = std::string(table) + ".";
  KF_TRY(known_keys(w, *t, prefix, keys));
  Fields f(w, *t, prefix);
  std::map<std::string, std::string> out;
  for (std::string_view k : keys) {
    std::string label;
    KF_TRY(f.text(k, label, true));
    out.emplace(k, std::move(label));
  }
  return out;
}

Result<Flags> read_flags(const Where& w, const toml::table& root) {
  Flags fl;
  const toml::node* n = root.get("flags");
  if (!n) return fl;
  if (!n->is_table()) return fail(w, n, "flags 应为表 [flags]");
  const toml::table& t = *n->as_table();
  KF_TRY(known_keys(w, t, "flags.",
                    {"conditional_downloadable", "anonymous_download", "quarterly_review_rounds", "user_grades",
                     "sharing_only", "sandbox", "result_review", "publish_grant_holders", "consent_required", "publish_violations"}));
  Fields f(w, t, "flags.");
  KF_TRY(f.flag("conditional_downloadable", fl.conditional_downloadable));
  KF_TRY(f.flag("anonymous_download", fl.anonymous_download));
  KF_TRY(f.flag("quarterly_review_rounds", fl.quarterly_review_rounds));
  KF_TRY(f.flag("user_grades", fl.user_grades));
  KF_TRY(f.flag("sharing_only", fl.sharing_only));
  KF_TRY(f.flag("sandbox", fl.sandbox));
  KF_TRY(f.flag("result_review", fl.result_review));
  KF_TRY(f.flag("publish_grant_holders", fl.publish_grant_holders));
  KF_TRY(f.flag("consent_required", fl.consent_required));
  KF_TRY(f.flag("publish_violations", fl.publish_violations));
  return fl;
}

Result<std::optional<UserGrades>> read_grades(const Where& w, const toml::table& root, bool wanted) {
  const toml::node* n = root.get("user_grades");
  if (!n) {
    if (wanted) return fail(w, root.get("flags"), "flags.user_grades = true 需要 [user_grades] 表");
    return std::optional<UserGrades>();
  }
  if (!wanted) return fail(w, n, "[user_grades] 只在 flags.user_grades = true 时使用");
  if (!n->is_table()) return fail(w, n, "user_grades 应为表 [user_grades]");
  const toml::table& t = *n->as_table();
  KF_TRY(known_keys(w, t, "user_grades.", {"levels", "apply", "sandbox"}));
  Fields f(w, t, "user_grades.");
  UserGrades g;
  KF_TRY(f.texts("levels", g.levels));
  if (g.levels.empty()) return fail(w, &t, "缺少 user_grades.levels");
  KF_TRY(f.text("apply", g.apply, true));
  KF_TRY(f.text("sandbox", g.sandbox, true));
  for (const auto* level : {&g.apply, &g.sandbox}) {
    if (!contains(g.levels, *level)) {
      return fail(w, &t, fmt::format("用户等级 {} 不在 user_grades.levels（{}）中", *level, joined(g.levels)));
    }
  }
  return std::optional<UserGrades>(std::move(g));
}

Result<Stage> read_stage(const Where& w, const toml::node& n) {
  if (!n.is_table()) return fail(w, &n, "环节应写成 [[procedures.stages]] 表");
  const toml::table& t = *n.as_table();
  Fields f(w, t, "");
  Stage s;
  KF_TRY(f.text("key", s.key, true));
  Where here{w.file, w.procedure, s.key};
  KF_TRY(known_keys(here, t, "",
                    {"key", "label", "assignee", "deadline_wd", "deadline_cycles", "immediate", "optional", "rounds",
                     "actions", "outcomes", "outcome_labels", "basis", "reject_needs_legal_basis"}));
  Fields g(here, t, "");
  if (!is_identifier(s.key)) return fail(here, f.node("key"), "环节 key 只能由小写字母、数字和下划线组成");
  KF_TRY(g.text("label", s.label, true));
  KF_TRY(g.text("assignee", s.assignee, true));
  if (!contains(kAssignees, s.assignee)) {
    return fail(here, g.node("assignee"),
                fmt::format("未知的办理方 assignee = \"{}\"（可用：{}）", s.assignee, joined(kAssignees)));
  }
  KF_TRY(g.number("deadline_wd", s.deadline_wd));
  KF_TRY(g.number("deadline_cycles", s.deadline_cycles));
  KF_TRY(g.flag("immediate", s.immediate));
  KF_TRY(g.flag("optional", s.optional));
  KF_TRY(g.texts("rounds", s.rounds));
  KF_TRY(g.texts("actions", s.actions));
  KF_TRY(g.text("basis", s.basis, false));
  KF_TRY(g.flag("reject_needs_legal_basis", s.reject_needs_legal_basis));
  if (s.reject_needs_legal_basis && std::find(s.actions.begin(), s.actions.end(), "reject") == s.actions.end()) {
    return fail(here, g.node("reject_needs_legal_basis"), "reject_needs_legal_basis = true 的环节须有 reject 操作");
  }
  if (s.immediate && (s.deadline_wd > 0 || s.deadline_cycles > 0)) {
    return fail(here, g.node("immediate"), "immediate = true 时不能再写 deadline_wd 或 deadline_cycles");
  }
  if (s.deadline_wd > 0 && s.deadline_cycles > 0) {
    return fail(here, g.node("deadline_cycles"), "deadline_wd 与 deadline_cycles 只能写一个");
  }
  for (const auto& r : s.rounds) {
    if (!is_month_day(r)) return fail(here, g.node("rounds"), fmt::format("rounds 中的日期 \"{}\" 应写成 MM-DD", r));
  }
  KF_TRY(g.text_map("outcomes", s.outcomes));
  KF_TRY(g.text_map("outcome_labels", s.outcome_labels));
  for (const auto& [name, target] : s.outcomes) {
    if (!is_identifier(name)) return fail(here, g.node("outcomes"), fmt::format("结果名 \"{}\" 只能由小写字母、数字和下划线组成", name));
  }
  for (const auto& a : s.actions) {
    if (!contains(kActions, a) && !s.outcomes.count(a)) {
      return fail(here, g.node("actions"),
                  fmt::format("未知的操作 \"{}\"（可用：{}，或在 outcomes 中定义的结果）", a, joined(kActions)));
    }
  }
  for (const auto& [name, label] : s.outcome_labels) {
    if (!s.outcomes.count(name) && !contains(kActions, name)) {
      return fail(here, g.node("outcome_labels"), fmt::format("outcome_labels 中的 \"{}\" 不是本环节的操作", name));
    }
  }
  return s;
}

Result<Procedure> read_procedure(const Where& top, const toml::node& n, std::string_view region_code) {
  if (!n.is_table()) return fail(top, &n, "流程应写成 [[procedures]] 表");
  const toml::table& t = *n.as_table();
  Fields f(top, t, "procedures.");
  Procedure p;
  KF_TRY(f.text("key", p.key, true));
  Where w{top.file, p.key, ""};
  if (!contains(procedure_keys(), p.key)) {
    return fail(w, f.node("key"), fmt::format("未知的流程 {}（可用：{}）", p.key, joined(procedure_keys())));
  }
  KF_TRY(known_keys(w, t, "",
                    {"key", "label", "enabled", "deadline_wd", "review_level", "basis", "updates", "updates_basis",
                     "stages"}));
  Fields g(w, t, "");
  KF_TRY(g.text("label", p.label, true));
  KF_TRY(g.text("review_level", p.review_level, false));
  if (p.review_level != "own" && p.review_level != "city") {
    return fail(w, g.node("review_level"),
                fmt::format("review_level 应为 \"own\"（本级）或 \"city\"（市级以上），不是 \"{}\"", p.review_level));
  }
  KF_TRY(g.flag("enabled", p.enabled));
  KF_TRY(g.number("deadline_wd", p.deadline_wd));
  KF_TRY(g.text("basis", p.basis, false));
  KF_TRY(g.text("updates", p.updates, false));
  KF_TRY(g.text("updates_basis", p.updates_basis, false));
  if ((g.node("updates") || g.node("updates_basis")) && p.key != "publication") {
    return fail(w, g.node("updates") ? g.node("updates") : g.node("updates_basis"),
                "updates 和 updates_basis 只用于流程 publication（已发布目录的数据更新）");
  }
  if (p.updates != "review" && p.updates != "direct_if_unchanged") {
    return fail(w, g.node("updates"),
                fmt::format("updates 应为 \"review\"（重新审核）或 \"direct_if_unchanged\"（字典和规则未变时直接发布），不是 \"{}\"",
                            p.updates));
  }
  if (const toml::node* stages = t.get("stages")) {
    const toml::array* a = stages->as_array();
    if (!a) return fail(w, stages, "stages 应写成 [[procedures.stages]] 表");
    for (const auto& s : *a) {
      KF_ASSIGN(Stage stage, read_stage(w, s));
      if (p.stage(stage.key)) return fail(w, &s, fmt::format("环节 {} 重复", stage.key));
      p.stages.push_back(std::move(stage));
    }
  }
  if (!p.enabled) return p;
  if (p.stages.empty()) return fail(w, &t, "启用的流程至少要有一个环节 [[procedures.stages]]");
  // Every outcome leads somewhere that exists: a stage of this procedure or an end state.
  if (const toml::node* stages = t.get("stages")) {
    std::size_t i = 0;
    for (const auto& sn : *stages->as_array()) {
      const Stage& s = p.stages[i++];
      const toml::node* at = sn.as_table()->get("outcomes");
      for (const auto& [name, target] : s.outcomes) {
        if (!p.stage(target) && !contains(kEndStates, target)) {
          return fail(Where{w.file, p.key, s.key}, at,
                      fmt::format("结果 {} 指向未知的环节或办结状态 \"{}\"（可用：本流程的环节，或 {}）", name, target,
                                  joined(kEndStates)));
        }
      }
    }
  }
  for (const auto& key : required_stages(p.key, region_code)) {
    if (!p.stage(key)) {
      return fail(w, &t, fmt::format("流程 {}（{}）缺少必需的环节 {}（{}）", p.key, procedure_name(p.key), key,
                                     stage_name(key)));
    }
  }
  return p;
}

// Rules that tie the flags to the procedures.
Result<void> check_consistency(const Where& w, const toml::table& root, const Profile& p) {
  bool has_rounds = false;
  for (const auto& [key, proc] : p.procedures) {
    for (const auto& s : proc.stages) has_rounds = has_rounds || !s.rounds.empty();
  }
  const toml::node* flags = root.get("flags");
  if (p.flags.quarterly_review_rounds && !has_rounds) {
    return fail(w, flags, "flags.quarterly_review_rounds = true 需要某个环节写明 rounds = [\"MM-DD\", …]");
  }
  if (!p.flags.quarterly_review_rounds && has_rounds) {
    return fail(w, flags, "有环节写了 rounds，flags.quarterly_review_rounds 应为 true");
  }
  if (p.procedure("user_grading") && !p.user_grades) {
    return fail(w, flags, "启用流程 user_grading（用户等级评定）需要 flags.user_grades = true 和 [user_grades]");
  }
  if (p.flags.sharing_only) {
    if (!p.procedure("share_request")) return fail(w, flags, "flags.sharing_only = true 需要启用流程 share_request");
    if (p.procedure("conditional_application")) {
      return fail(w, flags, "flags.sharing_only = true 时流程 conditional_application 应为 enabled = false");
    }
  }
  return kf::ok();
}

}  // namespace

bool is_end_state(std::string_view s) { return contains(kEndStates, s); }

const Stage* Procedure::stage(std::string_view k) const {
  for (const auto& s : stages) {
    if (s.key == k) return &s;
  }
  return nullptr;
}

const Procedure* Profile::procedure(std::string_view k) const {
  auto it = procedures.find(std::string(k));
  return it == procedures.end() || !it->second.enabled ? nullptr : &it->second;
}

std::string open_label(const Profile& p, std::string_view code) {
  auto it = p.open_labels.find(std::string(code));
  return it == p.open_labels.end() ? std::string(code) : it->second;
}

std::string share_label(const Profile& p, std::string_view code) {
  auto it = p.share_labels.find(code == "none" ? std::string("not_shared") : std::string(code));
  return it == p.share_labels.end() ? std::string(code) : it->second;
}

const std::vector<std::string>& procedure_keys() {
  static const std::vector<std::string> keys = {"publication", "catalog_change", "open_list",
                                                "industry_entry", "conditional_application", "objection",
                                                "demand", "consultation", "share_request", "user_grading"};
  return keys;
}

std::vector<std::string> required_stages(std::string_view procedure, std::string_view region_code) {
  if (procedure == "publication") {
    std::vector<std::string> s = {"submit", "normative_review"};
    // Zhejiang art. 13: legality, expert, secrecy and privacy reviews before data is opened.
    if (region_code.starts_with("33")) {
      s.insert(s.end(), {"legality_review", "expert_review", "secrecy_review", "privacy_review"});
    }
    return s;
  }
  if (procedure == "catalog_change") return {"change_review"};
  if (procedure == "open_list") return {"compile", "review", "publish"};
  if (procedure == "industry_entry") return {"application_review"};
  if (procedure == "conditional_application") return {"normative_review", "provider_review", "agreement"};
  if (procedure == "objection") return {"verification"};
  if (procedure == "demand") return {"assessment"};
  if (procedure == "consultation" || procedure == "share_request") return {"answer"};
  if (procedure == "user_grading") return {"rating"};
  return {};
}

Result<Profile> parse_profile(std::string_view text, std::string_view file) {
  Where top{file, "", ""};
  toml::table root;
  try {
    root = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    return Error::invalid(
        fmt::format("{}：第 {} 行：不是有效的 TOML：{}", file, e.source().begin.line, e.description()));
  }
  KF_TRY(known_keys(top, root, "", {"profile", "labels", "share_labels", "flags", "user_grades", "procedures"}));
  Profile p;
  KF_ASSIGN(const toml::table* head, table_of(top, root, "profile"));
  KF_TRY(known_keys(top, *head, "profile.",
                    {"key", "name", "region", "region_code", "source", "reminder_lead_wd", "open_list_due",
                     "app_publish_months", "usage_report_months", "reevaluate_months", "catalog_update_wd"}));
  Fields f(top, *head, "profile.");
  KF_TRY(f.text("key", p.key, true));
  if (!is_identifier(p.key)) return fail(top, f.node("key"), "profile.key 只能由小写字母、数字、- 和 _ 组成");
  KF_TRY(f.text("name", p.name, true));
  KF_TRY(f.text("region", p.region, true));
  KF_TRY(f.text("region_code", p.region_code, false));
  if (!p.region_code.empty() && (p.region_code.size() != 6 ||
                                 !std::all_of(p.region_code.begin(), p.region_code.end(), [](char c) { return c >= '0' && c <= '9'; }))) {
    return fail(top, f.node("region_code"), "profile.region_code 应为 6 位行政区划代码");
  }
  KF_TRY(f.text("source", p.source, true));
  KF_TRY(f.number("reminder_lead_wd", p.reminder_lead_wd));
  std::string due;
  KF_TRY(f.text("open_list_due", due, false));
  if (!due.empty()) {
    if (!is_month_day(due)) return fail(top, f.node("open_list_due"), "profile.open_list_due 应写成 MM-DD，如 \"05-31\"");
    p.open_list_due = due;
  }
  KF_TRY(f.number("app_publish_months", p.app_publish_months));
  KF_TRY(f.number("usage_report_months", p.usage_report_months));
  KF_TRY(f.number("reevaluate_months", p.reevaluate_months));
  if (p.app_publish_months > 120 || p.usage_report_months > 120 || p.reevaluate_months > 120) {
    return fail(top, head, "profile 中按月计的期限不能超过 120 个月");
  }
  KF_TRY(f.number("catalog_update_wd", p.catalog_update_wd));

  KF_ASSIGN(p.open_labels, read_labels(top, root, "labels", {"unconditional", "conditional", "not_open"}));
  KF_ASSIGN(p.share_labels, read_labels(top, root, "share_labels", {"unconditional", "conditional", "not_shared"}));
  KF_ASSIGN(p.flags, read_flags(top, root));
  KF_ASSIGN(p.user_grades, read_grades(top, root, p.flags.user_grades));

  const toml::node* procs = root.get("procedures");
  if (procs && !procs->is_array_of_tables()) return fail(top, procs, "procedures 应写成 [[procedures]] 表");
  if (procs) {
    for (const auto& n : *procs->as_array()) {
      KF_ASSIGN(Procedure proc, read_procedure(top, n, p.region_code));
      if (p.procedures.count(proc.key)) return fail(top, &n, fmt::format("流程 {} 重复", proc.key));
      p.procedures.emplace(proc.key, std::move(proc));
    }
  }
  for (const auto& key : procedure_keys()) {
    if (!p.procedures.count(key)) {
      return fail(top, nullptr,
                  fmt::format("缺少流程 {}（{}）；文件没有规定此流程时，写上它并注明 enabled = false", key,
                              procedure_name(key)));
    }
  }
  if (p.open_list_due && !p.procedure("open_list")) {
    return fail(top, f.node("open_list_due"), "写了 profile.open_list_due，但流程 open_list 未启用");
  }
  KF_TRY(check_consistency(top, root, p));
  return p;
}

}  // namespace kf::policy
