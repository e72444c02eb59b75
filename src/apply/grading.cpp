// User grades (Lishui art. 10, 24; DOMAIN.md APP-1): the "user_grading" flow, grades set
// directly by the authority, the published list, each change of a grade with its cause, and the
// downgrade of a holder whose grant is ended for a violation.
#include <fmt/format.h>

#include <algorithm>

#include "apply/apply.h"
#include "apply/detail.h"

namespace kf::apply {

namespace json = boost::json;
using detail::bind_ids;
using detail::placeholders;
using detail::rank_of;
using detail::staff_over_all;

namespace {

constexpr const char* kFlow = "user_grading";

std::string levels_text(const std::vector<std::string>& levels) {
  std::string out;
  for (const auto& l : levels) out += (out.empty() ? "" : "、") + l;
  return out;
}

std::string text_of(const json::object& o, const char* k) {
  const auto* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

class UserGradingFlow final : public workflow::Flow {
 public:
  explicit UserGradingFlow(ApplyService& svc) : svc_(svc) {}
  std::string type() const override { return kFlow; }

  Result<void> check(const workflow::Actor&, const workflow::Case&, const workflow::Transition& t,
                     json::object& update) override {
    const bool deciding = t.action == "approve" && t.end_state == "approved";
    const auto* g = update.if_contains("grade");
    const auto* op = update.if_contains("expert_opinion");
    if (!deciding) {
      if (g || op) return Error::invalid("只有最后的评级环节通过时确定等级", g ? "grade" : "expert_opinion");
      return kf::ok();
    }
    const auto& levels = svc_.config().grade_levels;
    if (!g || !g->is_string() || rank_of(levels, std::string(g->as_string())) < 0) {
      return Error::invalid(fmt::format("请确定评定的等级（{}）", levels_text(levels)), "grade");
    }
    // Lishui art. 10: the authority grades together with the providers and experts.
    if (!op || !op->is_string() || op->as_string().empty() || op->as_string().size() > 4000) {
      return Error::invalid("请写明专家评级意见（不超过 4000 字节）", "expert_opinion");
    }
    return kf::ok();
  }

  Result<void> apply(db::Tx& tx, const workflow::Actor&, const workflow::Case& c,
                     const workflow::Transition& t) override {
    if (t.end_state == "approved") KF_TRY(svc_.store_grade(tx, c));
    return kf::ok();
  }

  json::object describe(const workflow::Case& c) const override { return svc_.grading_panel(c); }

 private:
  ApplyService& svc_;
};

}  // namespace

void ApplyService::register_grading_flow() {
  review_.engine().register_flow(std::make_shared<UserGradingFlow>(*this));
}

Result<void> ApplyService::write_grade(db::Tx& tx, const std::string& kind, std::int64_t id,
                                       const std::optional<std::string>& grade, const json::object& evidence,
                                       const GradeCause& cause) {
  KF_ASSIGN(auto rs, tx->query("SELECT grade FROM apply_grades WHERE subject_kind = ? AND subject_id = ?", {kind, id}));
  const std::optional<std::string> before = rs.rows.empty() ? std::nullopt : std::optional<std::string>(rs.rows[0].text(0));
  const std::int64_t now = clock_.now_ms();
  KF_TRY(tx->query("DELETE FROM apply_grades WHERE subject_kind = ? AND subject_id = ?", {kind, id}));
  if (grade) {
    KF_TRY(tx->query("INSERT INTO apply_grades (subject_kind, subject_id, grade, evidence, set_by, set_at) "
                     "VALUES (?, ?, ?, ?, ?, ?)",
                     {kind, id, *grade, json::serialize(evidence), cause.by_user_id, now}));
  }
  auto opt = [](const auto& v) { return v ? db::Value(*v) : db::null(); };
  KF_TRY(tx->query("INSERT INTO apply_grade_changes (subject_kind, subject_id, from_grade, to_grade, reason, case_id, "
                   "grant_id, by_user_id, by_name, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   {kind, id, opt(before), opt(grade), cause.reason, opt(cause.case_id), opt(cause.grant_id),
                    cause.by_user_id, cause.by_name, now}));
  return kf::ok();
}

Result<json::object> ApplyService::set_grade(const catalog::Actor& a, std::optional<std::int64_t> user_id,
                                             std::optional<std::int64_t> org_id, const std::string& grade,
                                             const json::object& evidence, const std::string& reason) {
  if (!staff_over_all(a)) return Error::denied("只有主管部门可以评定用户等级");
  if (cfg_.grade_levels.empty()) return Error::unavailable("本地区不实行用户分级");
  if (rank_of(cfg_.grade_levels, grade) < 0) {
    return Error::invalid(fmt::format("等级应为 {}", levels_text(cfg_.grade_levels)), "grade");
  }
  if (user_id.has_value() == org_id.has_value()) return Error::invalid("请指定一个用户或一个单位", "user_id");
  if (reason.empty() || reason.size() > 2000) return Error::invalid("请写明评定理由（不超过 2000 字节）", "reason");
  std::string name;
  if (user_id) {
    KF_ASSIGN(auto u, access_.get_user(*user_id));
    name = u.real_name_masked.value_or(u.username);
  } else {
    KF_ASSIGN(auto o, access_.get_org(*org_id));
    name = o.name;
  }
  const std::string kind = user_id ? "user" : "org";
  const std::int64_t id = user_id ? *user_id : *org_id;
  KF_ASSIGN(auto c, pool_.acquire());
  const std::int64_t now = clock_.now_ms();
  KF_TRY(db::with_tx(*c, [&](db::Tx& tx) -> Result<void> {
    return write_grade(tx, kind, id, grade, evidence, GradeCause{reason, std::nullopt, std::nullopt, a.user_id, a.username});
  }));
  return json::object{{"subject_kind", kind}, {"subject_id", id}, {"name", name}, {"grade", grade},
                      {"evidence", evidence}, {"graded_on", beijing_day(now)}};
}

Result<json::array> ApplyService::graded() {
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto rs, c->query("SELECT subject_kind, subject_id, grade, set_at FROM apply_grades ORDER BY grade DESC, set_at"));
  json::array out;
  for (const auto& r : rs.rows) {
    const std::string name = subject_name(r.text(0), r.int64(1), true);
    out.push_back({{"name", name}, {"kind", r.text(0)}, {"grade", r.text(2)}, {"graded_on", beijing_day(r.int64(3))}});
  }
  return out;
}

std::string ApplyService::subject_name(const std::string& kind, std::int64_t id, bool published) const {
  if (kind == "user") {
    auto u = access_.get_user(id);
    if (!u) return {};
    return u->real_name_masked.value_or(published ? std::string("个人用户") : u->username);
  }
  auto o = access_.get_org(id);
  return o ? o->name : std::string();
}

Result<std::optional<std::string>> ApplyService::grade_of(std::int64_t user_id, const std::vector<std::int64_t>& org_ids) {
  KF_ASSIGN(auto c, pool_.acquire());
  std::vector<db::Value> params{user_id};
  bind_ids(params, org_ids);
  KF_ASSIGN(auto rs, c->query(fmt::format("SELECT grade FROM apply_grades WHERE (subject_kind = 'user' AND subject_id = ?) "
                                          "OR (subject_kind = 'org' AND subject_id IN ({}))",
                                          placeholders(org_ids.size())),
                              params));
  std::optional<std::string> best;
  for (const auto& r : rs.rows) {
    if (!best || rank_of(cfg_.grade_levels, r.text(0)) > rank_of(cfg_.grade_levels, *best)) best = r.text(0);
  }
  return best;
}

Result<workflow::Case> ApplyService::apply_for_grade(const catalog::Actor& a, const GradeRequest& r) {
  if (a.user_id == 0) return Error::unauthenticated("请先登录");
  if (cfg_.grade_levels.empty() || !review_.engine().flow(kFlow)) {
    return Error::unavailable("本地区不实行用户等级评定");
  }
  KF_ASSIGN(access::User u, access_.get_user(a.user_id));
  if (!u.real_name_verified) {
    Error e = Error::denied("申请等级评定须先完成实名认证");
    e.slug = "verification_required";
    e.action = "verify";
    return e;
  }
  std::optional<access::Org> org;
  if (r.org_id) {
    if (!a.member_of(*r.org_id)) return Error::denied("只能为本人所在的单位申请等级评定");
    KF_ASSIGN(org, access_.get_org(*r.org_id));
    if (!org->credit_code) {
      return Error::invalid("单位尚未登记统一社会信用代码，请联系平台管理员补充后再申请", "org_id");
    }
  }
  const int asked = rank_of(cfg_.grade_levels, r.grade);
  if (asked < 0) return Error::invalid(fmt::format("等级应为 {}", levels_text(cfg_.grade_levels)), "grade");
  // 信用情况 (art. 10): not on a dishonest list, checked by the platform.
  KF_TRY(check_credit(u, org, "申请等级评定"));
  if (r.protection_level < 0 || r.protection_level > 5) {
    return Error::invalid("等保级别应为 1 至 5 级（未定级填 0）", "protection_level");
  }
  // 安全防护能力 (art. 10): a grade that may apply for restricted data needs a system of 等保
  // level 2 or above.
  const int apply_rank = cfg_.apply_grade.empty() ? 0 : rank_of(cfg_.grade_levels, cfg_.apply_grade);
  if (asked >= apply_rank && asked > 0) {
    if (r.protection_level < 2) {
      return Error::invalid(fmt::format("{} 级须有通过等级保护二级（含）以上认证的系统", r.grade), "protection_level");
    }
    if (r.protection_filing_no.empty()) return Error::invalid("请填写等级保护备案编号", "protection_filing_no");
  }
  if (r.enterprise_type.size() > 200) return Error::invalid("单位性质不超过 200 字节", "enterprise_type");
  if (org && r.enterprise_type.empty()) return Error::invalid("请填写单位性质（国有企业、私营企业、合资企业等）", "enterprise_type");
  if (r.protection_filing_no.size() > 200) return Error::invalid("备案编号不超过 200 字节", "protection_filing_no");
  if (r.certificates.size() > 4000) return Error::invalid("资质证书说明不超过 4000 字节", "certificates");
  if (r.note.size() > 4000) return Error::invalid("补充说明不超过 4000 字节", "note");
  KF_ASSIGN(auto materials, new_attachments(a, r.attachments));
  bool certificate = false;
  json::array atts;
  for (const auto& att : materials) {
    certificate = certificate || att.kind == "protection_certificate";
    atts.push_back(to_json(att));
  }
  if (r.protection_level >= 2 && !certificate) {
    return Error::invalid("请上传等级保护备案证明或测评报告（PDF 或图片）", "attachments");
  }

  const std::string kind = org ? "org" : "user";
  const std::int64_t subject = org ? org->id : a.user_id;
  {
    KF_ASSIGN(auto c, pool_.acquire());
    KF_ASSIGN(auto rs, c->query("SELECT grade FROM apply_grades WHERE subject_kind = ? AND subject_id = ?", {kind, subject}));
    if (!rs.rows.empty() && rs.rows[0].text(0) == r.grade) {
      return Error::conflict(fmt::format("{}已是 {} 级", org ? "该单位" : "您", r.grade));
    }
  }
  {
    workflow::Actor everyone{0, "system", {"admin"}, {}};
    workflow::CaseFilter filter;
    filter.type = kFlow;
    filter.open_only = true;
    KF_ASSIGN(auto open, review_.engine().list(everyone, filter));
    for (const auto& oc : open) {
      if (text_of(oc.payload, "subject_kind") == kind && oc.payload.contains("subject_id") &&
          oc.payload.at("subject_id").as_int64() == subject) {
        return Error::conflict(fmt::format("已有等级评定申请在办理中（事项 {}），请等待办结或撤回后再提交", oc.id));
      }
    }
  }

  KF_ASSIGN(auto nc, review_.new_case(kFlow));
  const std::string name = org ? org->name : u.real_name_masked.value_or(u.username);
  nc.title = fmt::format("等级评定申请：{}（申请 {} 级）", name, r.grade);
  nc.owner_org_id = org ? org->id : 0;
  workflow::Party applicant{"applicant", a.user_id, std::nullopt, {}};
  if (org) applicant.org_id = org->id;
  nc.parties = {applicant};
  nc.payload = json::object{{"subject_kind", kind},
                            {"subject_id", subject},
                            {"subject_name", name},
                            {"grade_asked", r.grade},
                            {"evidence", json::object{{"protection_level", r.protection_level},
                                                      {"protection_filing_no", r.protection_filing_no},
                                                      {"certificates", r.certificates},
                                                      {"enterprise_type", r.enterprise_type},
                                                      {"credit_check", fmt::format("提交时核查：未列入失信名单（{}）",
                                                                                   beijing_day(clock_.now_ms()))},
                                                      {"note", r.note}}},
                            {"attachments", atts}};
  return open_case(a, nc, "提交等级评定材料", r.attachments);
}

Result<workflow::Case> ApplyService::act_on_grading(const catalog::Actor& a, std::int64_t case_id,
                                                    const std::string& action, const std::string& comment,
                                                    const std::optional<std::string>& grade,
                                                    const std::string& expert_opinion) {
  json::object update;
  if (grade) update["grade"] = *grade;
  if (!expert_opinion.empty()) update["expert_opinion"] = expert_opinion;
  return review_.engine().act(review::to_workflow(a), case_id, action, comment, update);
}

Result<void> ApplyService::store_grade(db::Tx& tx, const workflow::Case& c) {
  const auto& p = c.payload;
  json::object evidence = p.contains("evidence") && p.at("evidence").is_object() ? p.at("evidence").as_object() : json::object{};
  evidence["expert_opinion"] = text_of(p, "expert_opinion");
  evidence["case_id"] = c.id;
  const std::string grade = text_of(p, "grade");
  const std::string kind = text_of(p, "subject_kind");
  const std::int64_t subject = p.at("subject_id").as_int64();
  KF_TRY(write_grade(tx, kind, subject, grade, evidence,
                     GradeCause{fmt::format("等级评定（事项 {}）", c.id), c.id, std::nullopt, 0, "主管部门"}));
  notify::Message m;
  m.case_id = c.id;
  m.kind = "grade_set";
  m.title = fmt::format("等级评定结果：{} 级", grade);
  m.body = fmt::format("{}的等级评定为 {} 级（申请 {} 级）。", text_of(p, "subject_name"), grade, text_of(p, "grade_asked"));
  return review_.engine().notifier().send(tx, {c.created_by}, m);
}

Result<void> ApplyService::downgrade_for_violation(db::Tx& tx, const Grant& g, const std::string& reason,
                                                   const catalog::Actor& by) {
  if (cfg_.grade_levels.empty()) return kf::ok();
  const std::string kind = g.holder_org_id ? "org" : "user";
  const std::int64_t subject = g.holder_org_id ? *g.holder_org_id : g.holder_user_id;
  KF_ASSIGN(auto rs, tx->query("SELECT grade, evidence FROM apply_grades WHERE subject_kind = ? AND subject_id = ?",
                               {kind, subject}));
  if (rs.rows.empty()) return kf::ok();
  const int rank = rank_of(cfg_.grade_levels, rs.rows[0].text(0));
  std::optional<std::string> lower;
  if (rank > 0) lower = cfg_.grade_levels[static_cast<std::size_t>(rank - 1)];
  boost::system::error_code ec;
  auto ev = json::parse(rs.rows[0].text(1), ec);
  json::object evidence = !ec && ev.is_object() ? ev.as_object() : json::object{};
  KF_TRY(write_grade(tx, kind, subject, lower, evidence,
                     GradeCause{fmt::format("违规使用“{}”被终止授权：{}", g.entry_name, reason), g.case_id, g.id,
                                by.user_id, by.username}));
  notify::Message m;
  m.case_id = g.case_id;
  m.subject_code = g.entry_code;
  m.kind = "grade_lowered";
  m.title = lower ? fmt::format("用户等级降为 {} 级", *lower) : std::string("用户等级已撤销");
  m.body = fmt::format("因违规使用“{}”被终止授权，{}的等级由 {} 级{}。", g.entry_name, g.holder_name, rs.rows[0].text(0),
                       lower ? fmt::format("降为 {} 级", *lower) : std::string("撤销"));
  return review_.engine().notifier().send(tx, {g.holder_user_id}, m);
}

namespace {

json::object change_json(const db::Row& r, const std::string& name) {
  return {{"subject_kind", r.text(0)},
          {"subject_id", r.int64(1)},
          {"name", name},
          {"from", r.is_null(2) ? json::value(nullptr) : json::value(r.text(2))},
          {"to", r.is_null(3) ? json::value(nullptr) : json::value(r.text(3))},
          {"reason", r.text(4)},
          {"case_id", r.is_null(5) ? json::value(nullptr) : json::value(r.int64(5))},
          {"grant_id", r.is_null(6) ? json::value(nullptr) : json::value(r.int64(6))},
          {"on", beijing_day(r.int64(7))}};
}

constexpr std::string_view kChangeColumns =
    "subject_kind, subject_id, from_grade, to_grade, reason, case_id, grant_id, at";

}  // namespace

Result<json::object> ApplyService::my_grade(const catalog::Actor& a) {
  if (a.user_id == 0) return Error::unauthenticated("请先登录");
  KF_ASSIGN(access::User u, access_.get_user(a.user_id));
  struct Subject {
    std::string kind;
    std::int64_t id;
    std::string name;
  };
  std::vector<Subject> subjects{{"user", a.user_id, u.real_name_masked.value_or(u.username)}};
  for (const auto& m : u.orgs) {
    auto o = access_.get_org(m.org_id);
    if (o && o->credit_code) subjects.push_back({"org", o->id, o->name});
  }
  KF_ASSIGN(auto c, pool_.acquire());
  json::array grades, changes;
  for (const auto& s : subjects) {
    KF_ASSIGN(auto rs, c->query("SELECT grade, set_at FROM apply_grades WHERE subject_kind = ? AND subject_id = ?", {s.kind, s.id}));
    grades.push_back({{"subject_kind", s.kind},
                      {"subject_id", s.id},
                      {"name", s.name},
                      {"grade", rs.rows.empty() ? json::value(nullptr) : json::value(rs.rows[0].text(0))},
                      {"graded_on", rs.rows.empty() ? json::value(nullptr) : json::value(beijing_day(rs.rows[0].int64(1)))}});
    KF_ASSIGN(auto hs, c->query(fmt::format("SELECT {} FROM apply_grade_changes WHERE subject_kind = ? AND subject_id = ? "
                                            "ORDER BY id DESC LIMIT 50",
                                            kChangeColumns),
                                {s.kind, s.id}));
    for (const auto& r : hs.rows) changes.push_back(change_json(r, s.name));
  }
  json::array cases;
  if (review_.engine().flow(kFlow)) {
    workflow::CaseFilter filter;
    filter.type = kFlow;
    KF_ASSIGN(auto list, review_.engine().list(review::to_workflow(a), filter));
    for (const auto& k : list) {
      const auto* ap = k.party("applicant");
      if (!ap || ap->user_id != a.user_id) continue;
      json::object o = workflow::case_to_json(k, review_.engine().days_left(k));
      o.erase("payload");
      o["grade_asked"] = text_of(k.payload, "grade_asked");
      o["grade"] = k.payload.contains("grade") ? k.payload.at("grade") : json::value(nullptr);
      cases.push_back(std::move(o));
    }
  }
  json::array levels;
  for (const auto& l : cfg_.grade_levels) levels.emplace_back(l);
  return json::object{{"levels", levels},
                      {"apply_grade", cfg_.apply_grade},
                      {"procedure", review_.engine().flow(kFlow) != nullptr},
                      {"grades", grades},
                      {"changes", changes},
                      {"cases", cases}};
}

Result<json::array> ApplyService::grade_changes(const catalog::Actor& a, int limit) {
  if (!staff_over_all(a)) return Error::denied("只有主管部门可以查看等级变更记录");
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto rs, c->query(fmt::format("SELECT {} FROM apply_grade_changes ORDER BY id DESC LIMIT ?", kChangeColumns),
                              {static_cast<std::int64_t>(std::clamp(limit, 1, 1000))}));
  json::array out;
  for (const auto& r : rs.rows) {
    out.push_back(change_json(r, subject_name(r.text(0), r.int64(1), false)));
  }
  return out;
}

json::object ApplyService::grading_panel(const workflow::Case& c) const {
  const auto& p = c.payload;
  json::object out{{"panel", kFlow}};
  for (const char* k : {"subject_kind", "subject_id", "subject_name", "grade_asked", "evidence", "attachments", "grade",
                        "expert_opinion"}) {
    if (const auto* v = p.if_contains(k)) out[k] = *v;
  }
  json::array levels;
  for (const auto& l : cfg_.grade_levels) levels.emplace_back(l);
  out["levels"] = levels;
  // The grade the subject holds now, for the reviewers.
  auto conn = pool_.acquire();
  if (conn && p.contains("subject_id")) {
    auto rs = (*conn)->query("SELECT grade FROM apply_grades WHERE subject_kind = ? AND subject_id = ?",
                             {text_of(p, "subject_kind"), p.at("subject_id").as_int64()});
    if (rs && !rs->rows.empty()) out["current_grade"] = rs->rows[0].text(0);
  }
  return out;
}

}  // namespace kf::apply
