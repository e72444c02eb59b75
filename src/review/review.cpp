#include "review/review.h"

#include <fmt/format.h>

#include <cmath>

#include "catalog/due.h"
#include "catalog/entry.h"
#include "mask/grading.h"

namespace kf::review {

namespace json = boost::json;

workflow::Actor to_workflow(const catalog::Actor& a) { return {a.user_id, a.username, a.roles, a.org_ids}; }

namespace {

bool is_staff(const catalog::Actor& a, const catalog::Entry& e) {
  return a.is("admin") || a.is("authority") || a.member_of(e.provider_id);
}

bool is_provider_staff(const catalog::Actor& a, const catalog::Entry& e) {
  return a.is("admin") || (a.is("provider") && a.member_of(e.provider_id));
}

// The completeness problems as one error: `lead` and every message, naming the first field.
Error incomplete(const std::string& lead, const std::vector<Problem>& problems) {
  std::string all;
  for (const auto& p : problems) all += (all.empty() ? "" : "；") + p.message;
  Error err = Error::invalid(lead + all, problems.front().field);
  err.slug = "incomplete";
  return err;
}

}  // namespace

ReviewService::ReviewService(catalog::CatalogService& catalog, workflow::Engine& engine, Procedures procedures)
    : catalog_(catalog), engine_(engine), procedures_(std::move(procedures)) {}

Result<workflow::NewCase> ReviewService::new_case(const std::string& procedure,
                                                   const std::vector<std::string>& extra) const {
  auto it = procedures_.find(procedure);
  if (it == procedures_.end() || it->second.stages.size() < 2) {
    return Error::unavailable(fmt::format("当前政策配置未定义“{}”流程", procedure));
  }
  const auto& all = it->second.stages;
  for (const auto& x : extra) {
    bool known = std::any_of(all.begin(), all.end(), [&](const workflow::StageDef& s) { return s.key == x && s.optional; });
    if (!known) return Error::invalid(fmt::format("当前政策配置没有可选审查环节“{}”", x), "extra_reviews");
  }
  workflow::NewCase nc;
  nc.type = procedure;
  for (const auto& s : all) {
    if (!s.optional || std::find(extra.begin(), extra.end(), s.key) != extra.end()) nc.stages.push_back(s);
  }
  nc.review_level = it->second.review_level;
  nc.procedure_deadline_wd = it->second.deadline_wd;
  return nc;
}

Result<void> ReviewService::check_no_open_case(const std::string& type, const std::string& code) {
  workflow::Actor everyone{0, "system", {"admin"}, {}};
  workflow::CaseFilter f;
  f.type = type;
  f.subject_code = code;
  f.open_only = true;
  KF_ASSIGN(auto open, engine_.list(everyone, f));
  if (!open.empty()) {
    return Error::conflict(fmt::format("该目录已有办理中的{}（编号 {}），请等待办结或撤回后再提交",
                                       type == "publication" ? "发布审核" : "变更申请", open.front().id));
  }
  return kf::ok();
}

Result<std::vector<Problem>> ReviewService::completeness(const catalog::Actor& a, const std::string& code,
                                                         std::optional<std::int64_t> version_id) {
  KF_ASSIGN(catalog::Entry e, catalog_.get(&a, code));
  if (!is_staff(a, e)) return Error::denied("只有本单位人员和主管部门可以查看");
  std::vector<Problem> out;
  const auto& m = e.meta;
  if (m.fields.empty()) out.push_back({"fields", "数据字典为空，请先填写数据字典"});
  for (const auto& f : m.fields) {
    if (f.label.empty()) out.push_back({"fields." + f.name + ".label", fmt::format("字段「{}」缺少中文名称", f.name)});
    if (catalog::is_sensitive_grade(f.security_grade) && f.mask_rule.empty()) {
      out.push_back({"fields." + f.name + ".mask_rule",
                     fmt::format("字段「{}」安全级别为 {}，须设置脱敏规则", f.label.empty() ? f.name : f.label,
                                 f.security_grade)});
    }
  }
  if (auto rules = catalog::check_mask_rules(m.fields); !rules && rules.error().slug != "mask_rule_missing") {
    out.push_back({rules.error().field, rules.error().message});
  }
  if (m.open_attribute != "unconditional" && m.legal_basis.empty()) {
    out.push_back({"legal_basis", "有条件开放和不予开放的目录须填写法律依据"});
  }
  if (auto flag = catalog::check_personal_data_flag(m); !flag) out.push_back({flag.error().field, flag.error().message});
  if (!version_id) {
    out.push_back({"version_id", "请选择要发布的数据版本"});
    return out;
  }
  KF_ASSIGN(auto versions, catalog_.versions(&a, code));
  auto v = std::find_if(versions.begin(), versions.end(), [&](const catalog::Version& x) { return x.id == *version_id; });
  if (v == versions.end()) {
    out.push_back({"version_id", "数据版本不存在"});
    return out;
  }
  if (v->state == "superseded") out.push_back({"version_id", "该版本已被新版本取代，请选择最新的数据版本"});
  for (const auto& f : m.fields) {
    bool present = std::any_of(v->columns.begin(), v->columns.end(), [&](const core::Field& c) { return c.name == f.name; });
    if (!present) out.push_back({"fields." + f.name, fmt::format("数据版本中缺少字典字段「{}」", f.name)});
  }
  KF_TRY(personal_data_problems(a, e, *version_id, out));
  return out;
}

Result<void> ReviewService::check_personal_data(const catalog::Actor& a, const std::string& code,
                                                std::int64_t version_id) {
  KF_ASSIGN(catalog::Entry e, catalog_.get(&a, code));
  std::vector<Problem> problems;
  if (auto flag = catalog::check_personal_data_flag(e.meta); !flag) {
    problems.push_back({flag.error().field, flag.error().message});
  }
  KF_TRY(personal_data_problems(a, e, version_id, problems));
  if (problems.empty()) return kf::ok();
  Error err = incomplete("不能批准发布，数据中的个人信息未得到保护：", problems);
  err.slug = "personal_data";
  return err;
}

Result<void> ReviewService::personal_data_problems(const catalog::Actor& a, const catalog::Entry& e,
                                                   std::int64_t version_id, std::vector<Problem>& out) {
  // CLS-6: the values decide, whatever the dictionary says. Personal data the detectors find is
  // desensitized, or published as it is on a recorded basis (consent or law); a rule must
  // really remove it. Messages name columns and kinds, never values.
  KF_ASSIGN(auto found, catalog_.find_personal_data(a, e.meta.code, version_id));
  for (const auto& c : found.columns) {
    if (!catalog::holds_personal_data(c.raw)) continue;
    const std::string kind(mask::kind_label(*c.raw.kind));
    auto f = std::find_if(e.meta.fields.begin(), e.meta.fields.end(), [&](const core::Field& x) { return x.name == c.name; });
    if (f == e.meta.fields.end()) {
      out.push_back({"fields", fmt::format("数据版本中的列「{}」不在数据字典中，却检测到个人信息（{}）：请把它加入数据字典并设置脱敏规则",
                                           c.label.empty() ? c.name : c.label, kind)});
      continue;
    }
    if (!f->consent_basis.empty()) continue;
    const std::string label = f->label.empty() ? f->name : f->label;
    if (f->mask_rule.empty()) {
      out.push_back({"fields." + f->name + ".mask_rule",
                     fmt::format("字段「{}」的数据中检测到个人信息（{}），请设置脱敏规则，或在取得本人授权同意后登记公开依据",
                                 label, kind)});
    } else if (catalog::holds_personal_data(c.published)) {
      out.push_back({"fields." + f->name + ".mask_rule",
                     fmt::format("字段「{}」按脱敏规则处理后仍可识别为个人信息（{}），请调整脱敏规则", label,
                                 mask::kind_label(*c.published.kind))});
    }
  }
  return kf::ok();
}

Result<json::object> ReviewService::consistency(const catalog::Actor& a, const std::string& code,
                                                std::int64_t version_id) {
  KF_ASSIGN(catalog::Entry e, catalog_.get(&a, code));
  if (!is_staff(a, e)) return Error::denied("只有本单位人员和主管部门可以查看");
  KF_ASSIGN(auto versions, catalog_.versions(&a, code));
  auto v = std::find_if(versions.begin(), versions.end(), [&](const catalog::Version& x) { return x.id == version_id; });
  if (v == versions.end()) return Error::not_found("数据版本不存在");
  // Masked fields really masked: no non-empty sample value comes out of its rule unchanged.
  catalog::MaskPreviewRequest pr;
  pr.version_id = version_id;
  pr.limit = 50;
  KF_ASSIGN(auto preview, catalog_.mask_preview(a, code, pr));
  KF_ASSIGN(auto found, catalog_.find_personal_data(a, code, version_id));
  auto finding_of = [&](const std::string& name) -> const catalog::ColumnFinding* {
    for (const auto& c : found.columns) {
      if (c.name == name) return &c;
    }
    return nullptr;
  };
  auto kind_json = [](const mask::ColumnScan& s) {
    return catalog::holds_personal_data(s) ? json::value(std::string(mask::to_string(*s.kind))) : json::value(nullptr);
  };
  auto kind_label_json = [](const mask::ColumnScan& s) {
    return catalog::holds_personal_data(s) ? json::value(std::string(mask::kind_label(*s.kind))) : json::value(nullptr);
  };
  json::array fields;
  bool ok = v->row_count > 0;
  bool personal_found = false;
  for (const auto& f : e.meta.fields) {
    auto col = std::find_if(v->columns.begin(), v->columns.end(), [&](const core::Field& c) { return c.name == f.name; });
    const bool present = col != v->columns.end();
    const bool type_ok = present && col->type == f.type;
    json::value masked = nullptr;
    if (!f.mask_rule.empty() && present) {
      auto idx = static_cast<std::size_t>(std::find(preview.columns.begin(), preview.columns.end(), f.name) -
                                          preview.columns.begin());
      bool really = true;
      for (std::size_t r = 0; r < preview.before.size() && idx < preview.columns.size(); ++r) {
        const auto& raw = preview.before[r][idx];
        if (!raw.empty() && preview.after[r][idx] == raw) really = false;
      }
      masked = really;
      ok = ok && really;
    }
    const bool rule_needed = catalog::is_sensitive_grade(f.security_grade);
    ok = ok && present && type_ok && (!rule_needed || !f.mask_rule.empty());
    // What the detectors find in the values as publication would serve them (after the rule).
    const catalog::ColumnFinding* finding = present ? finding_of(f.name) : nullptr;
    const bool detected = finding && catalog::holds_personal_data(finding->raw);
    const bool goes_out = finding && catalog::holds_personal_data(finding->published);
    const bool raw_out = goes_out && f.consent_basis.empty();
    personal_found = personal_found || detected;
    ok = ok && !raw_out;
    fields.push_back({{"name", f.name},
                      {"label", f.label},
                      {"present", present},
                      {"dictionary_type", std::string(core::to_string(f.type))},
                      {"data_type", present ? json::value(std::string(core::to_string(col->type))) : json::value(nullptr)},
                      {"type_matches", type_ok},
                      {"security_grade", f.security_grade},
                      {"mask_rule", f.mask_rule},
                      {"rule_required", rule_needed},
                      {"really_masked", masked},
                      {"detected_kind", finding ? kind_json(finding->raw) : json::value(nullptr)},
                      {"detected_kind_label", finding ? kind_label_json(finding->raw) : json::value(nullptr)},
                      {"published_kind", finding ? kind_json(finding->published) : json::value(nullptr)},
                      {"published_kind_label", finding ? kind_label_json(finding->published) : json::value(nullptr)},
                      {"published_share", goes_out ? json::value(std::round(finding->published.share * 100) / 100)
                                                   : json::value(nullptr)},
                      {"consent_basis", f.consent_basis},
                      {"personal_data_out", goes_out},
                      {"raw_values_out", raw_out}});
  }
  json::array extra, extra_personal;
  for (const auto& c : v->columns) {
    bool known = std::any_of(e.meta.fields.begin(), e.meta.fields.end(), [&](const core::Field& f) { return f.name == c.name; });
    if (known) continue;
    extra.emplace_back(c.name);
    // A column the dictionary does not name goes out without a rule.
    if (const auto* finding = finding_of(c.name); finding && catalog::holds_personal_data(finding->published)) {
      extra_personal.push_back({{"name", c.name}, {"kind", kind_json(finding->published)},
                                {"kind_label", kind_label_json(finding->published)}});
      personal_found = true;
      ok = false;
    }
  }
  return json::object{{"version_id", v->id},
                      {"version_number", v->number},
                      {"row_count", v->row_count},
                      {"rejected_count", v->rejected_count},
                      {"fields", fields},
                      {"extra_columns", extra},
                      {"extra_personal_columns", extra_personal},
                      {"sampled_rows", found.sampled_rows},
                      {"personal_data_found", personal_found},
                      {"flagged_personal", e.meta.contains_personal_data},
                      {"consistent", ok}};
}

Result<workflow::Case> ReviewService::submit_publication(const catalog::Actor& a, const std::string& code,
                                                         std::int64_t version_id, const std::string& comment,
                                                         const std::vector<std::string>& extra_reviews) {
  KF_ASSIGN(catalog::Entry e, catalog_.get(&a, code));
  if (!is_provider_staff(a, e)) return Error::denied("只有本单位的数据提供方人员可以提交发布");
  if (e.state == "withdrawn") return Error::conflict("已撤销的目录不能再提交");
  KF_ASSIGN(auto problems, completeness(a, code, version_id));
  if (!problems.empty()) return incomplete("提交前请先完善：", problems);
  KF_TRY(check_no_open_case("publication", code));
  KF_ASSIGN(auto nc, new_case("publication", extra_reviews));
  nc.title = fmt::format("发布审核：{}", e.meta.name);
  nc.subject_code = code;
  nc.owner_org_id = e.provider_id;
  nc.payload = json::object{{"version_id", version_id}, {"entry_name", e.meta.name}};
  return engine_.submit(to_workflow(a), std::move(nc), comment);
}

Result<workflow::Case> ReviewService::submit_change(const catalog::Actor& a, const std::string& code,
                                                    const std::string& kind, const json::object& entry,
                                                    const std::string& reason) {
  KF_ASSIGN(catalog::Entry e, catalog_.get(&a, code));
  if (!is_provider_staff(a, e)) return Error::denied("只有本单位的数据提供方人员可以申请变更");
  if (e.state != "published" && e.state != "suspended") {
    return Error::conflict("只有已发布的目录需要变更申请；未发布的目录可直接修改");
  }
  if (reason.empty()) return Error::invalid("请填写变更原因", "reason");
  if (kind != "modify" && kind != "delete") return Error::invalid("变更类型应为 modify 或 delete", "kind");
  if (kind == "modify") {
    KF_ASSIGN(auto meta, catalog::meta_from_json(entry));
    if (meta.code != code) return Error::invalid("目录编码不能修改", "code");
    KF_TRY(catalog::validate(meta));
    if (e.state == "published") KF_TRY(catalog::check_mask_rules(meta.fields));
  }
  KF_TRY(check_no_open_case("catalog_change", code));
  KF_ASSIGN(auto nc, new_case("catalog_change"));
  json::object payload{{"kind", kind}, {"reason", reason}, {"entry_name", e.meta.name}};
  if (kind == "modify") payload["entry"] = entry;
  nc.title = fmt::format("{}：{}", kind == "modify" ? "目录变更" : "目录删除", e.meta.name);
  nc.subject_code = code;
  nc.owner_org_id = e.provider_id;
  nc.payload = std::move(payload);
  // Stages due "within N update cycles" (Yanzhou art. 11) count the entry's own cycle.
  nc.cycle_days = catalog::frequency_days(e.meta.update_frequency);
  return engine_.submit(to_workflow(a), std::move(nc), reason);
}

Result<workflow::Case> ReviewService::submit_industry(const catalog::Actor& a, std::int64_t org_id,
                                                      const std::string& org_name, const std::string& org_kind,
                                                      const std::string& description) {
  if (!a.member_of(org_id)) return Error::denied("只能以本人所在单位的名义申请");
  if (org_kind != "enterprise" && org_kind != "institution" && org_kind != "other") {
    return Error::invalid("行业数据开放入口面向企业、高校和科研机构等单位；政府部门请联系主管部门开通", "org_id");
  }
  if (a.is("provider")) return Error::conflict("你已是数据提供方，可直接在控制台编目发布");
  if (description.empty()) return Error::invalid("请说明拟开放的数据和用途", "description");
  KF_TRY(check_no_open_case("industry_entry", "org-" + std::to_string(org_id)));
  KF_ASSIGN(auto nc, new_case("industry_entry"));
  nc.title = fmt::format("行业数据开放申请：{}", org_name);
  nc.subject_code = "org-" + std::to_string(org_id);
  nc.owner_org_id = org_id;
  nc.payload = json::object{{"org_id", org_id}, {"org_name", org_name}, {"org_kind", org_kind},
                            {"description", description}, {"applicant_id", a.user_id}};
  nc.parties.push_back({"applicant", a.user_id, org_id, ""});
  return engine_.submit(to_workflow(a), std::move(nc), description);
}

Result<workflow::Case> ReviewService::act(const catalog::Actor& a, std::int64_t case_id, const std::string& action,
                                          const std::string& comment, std::optional<std::int64_t> version_id) {
  json::object update;
  if (version_id) update["version_id"] = *version_id;
  return engine_.act(to_workflow(a), case_id, action, comment, update);
}

}  // namespace kf::review
