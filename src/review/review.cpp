#include "review/review.h"

#include <fmt/format.h>

#include <cmath>
#include <map>

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

// What differs between two dictionaries, for people: "字段「X」的类型、脱敏规则；新增字段「Y」"
// (at most five items). Empty when they are the same, field for field and in order.
std::string dictionary_changes(const std::vector<core::Field>& before, const std::vector<core::Field>& after) {
  static const std::map<std::string, std::string> kAttr = {
      {"label", "中文名称"},  {"type", "类型"},         {"length", "长度"},     {"nullable", "可否为空"},
      {"key", "主键"},        {"description", "说明"},  {"unit", "单位"},       {"allowed_values", "允许值"},
      {"pattern", "格式"},    {"min", "最小值"},        {"max", "最大值"},      {"security_grade", "安全级别"},
      {"check", "校验"},      {"mask_rule", "脱敏规则"}};
  auto doc = [](const std::vector<core::Field>& fs) {
    json::array a;
    for (const auto& f : fs) a.push_back(catalog::field_to_json(f));
    return json::object{{"fields", a}};
  };
  std::vector<std::string> items;
  std::map<std::string, std::vector<std::string>> attrs;  // field → changed attributes
  std::vector<std::string> order;
  for (const auto& c : catalog::diff_meta(doc(before), doc(after))) {
    // "fields[NAME].attr"
    auto open = c.path.find('['), close = c.path.rfind("].");
    if (open == std::string::npos || close == std::string::npos) continue;
    std::string name = c.path.substr(open + 1, close - open - 1);
    std::string attr = c.path.substr(close + 2);
    if (attr == "name") {
      items.push_back(fmt::format("{}字段「{}」", c.before.empty() ? "新增" : "删除", name));
      continue;
    }
    if (!attrs.count(name)) order.push_back(name);
    auto it = kAttr.find(attr);
    attrs[name].push_back(it == kAttr.end() ? attr : it->second);
  }
  for (const auto& name : order) {
    std::string list;
    for (const auto& x : attrs[name]) list += (list.empty() ? "" : "、") + x;
    items.push_back(fmt::format("字段「{}」的{}", name, list));
  }
  if (items.empty() && before.size() == after.size()) {
    for (std::size_t i = 0; i < before.size(); ++i) {
      if (before[i].name != after[i].name) {
        items.push_back("字段顺序");
        break;
      }
    }
  }
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < 5; ++i) out += (out.empty() ? "" : "；") + items[i];
  if (items.size() > 5) out += fmt::format("等 {} 处", items.size());
  return out;
}

// The problems of a consistency report, for people ("" when it is clean).
std::string consistency_problems(const json::object& report) {
  std::vector<std::string> items;
  if (const auto* rows = report.if_contains("row_count"); rows && rows->is_int64() && rows->as_int64() == 0) {
    items.push_back("没有数据行");
  }
  if (const auto* fields = report.if_contains("fields"); fields && fields->is_array()) {
    for (const auto& fv : fields->as_array()) {
      const auto& f = fv.as_object();
      const std::string name(f.at("name").as_string());
      auto flag = [&](const char* k) {
        const auto* v = f.if_contains(k);
        return v && v->is_bool() ? std::optional<bool>(v->as_bool()) : std::nullopt;
      };
      if (flag("present") == false) {
        items.push_back(fmt::format("缺少字段「{}」", name));
      } else if (flag("type_matches") == false) {
        items.push_back(fmt::format("字段「{}」的类型与字典不符", name));
      }
      if (flag("rule_required") == true && f.at("mask_rule").as_string().empty()) {
        items.push_back(fmt::format("字段「{}」缺少脱敏规则", name));
      }
      if (flag("really_masked") == false) items.push_back(fmt::format("字段「{}」未确实脱敏", name));
    }
  }
  if (items.empty() && report.contains("consistent") && !report.at("consistent").as_bool()) {
    items.push_back("数据与目录不一致");
  }
  std::string out;
  for (const auto& x : items) out += (out.empty() ? "" : "、") + x;
  return out;
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
  if (e.published_version_id) return submit_update(a, code, version_id, comment, extra_reviews);
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

Result<UpdatePath> ReviewService::update_path(const catalog::Actor& a, const std::string& code,
                                               std::int64_t version_id) {
  KF_ASSIGN(catalog::Entry e, catalog_.get(&a, code));
  if (!is_staff(a, e)) return Error::denied("只有本单位人员和主管部门可以查看");
  if (!e.published_version_id) {
    Error err = Error::conflict("该目录尚未发布，请提交发布审核");
    err.slug = "not_published";
    return err;
  }
  KF_ASSIGN(auto versions, catalog_.versions(&a, code));
  auto find = [&](std::int64_t id) {
    return std::find_if(versions.begin(), versions.end(), [&](const catalog::Version& x) { return x.id == id; });
  };
  auto v = find(version_id);
  auto p = find(*e.published_version_id);
  if (v == versions.end()) return Error::not_found("数据版本不存在");
  if (p == versions.end()) return Error::internal("published version of " + code + " is missing");
  if (v->id == p->id) return Error::conflict("该版本已是发布版本");
  if (v->state != "ready") return Error::conflict("该版本已被新版本取代，请选择最新的数据版本");

  UpdatePath out;
  out.version_id = v->id;
  out.version_number = v->number;
  out.replaces_id = p->id;
  out.replaces_number = p->number;
  const ProcedureDef* proc = procedures_.count("publication") ? &procedures_.at("publication") : nullptr;
  out.basis = proc ? proc->updates_basis : std::string();
  KF_ASSIGN(out.problems, completeness(a, code, version_id));

  // What would send the update to review, in the order a provider would fix them.
  std::vector<std::string> review;
  if (!proc || proc->updates != "direct_if_unchanged") {
    review.push_back(out.basis.empty() ? std::string("本地政策规定数据更新须经主管部门审核")
                                       : fmt::format("本地政策规定数据更新须经主管部门审核（{}）", out.basis));
  }
  if (e.state != "published") review.push_back("目录已暂停开放，更新须经主管部门审核");
  const auto published_changes = dictionary_changes(p->columns, v->columns);
  if (!published_changes.empty()) {
    review.push_back(fmt::format("数据字典或脱敏规则与已发布的第 {} 版不同：{}", p->number, published_changes));
  }
  if (const auto since = dictionary_changes(v->columns, e.meta.fields); !since.empty()) {
    review.push_back(fmt::format("该版本导入后数据字典又有修改：{}", since));
  }
  KF_ASSIGN(auto report, consistency(a, code, version_id));
  const auto inconsistent = consistency_problems(report);
  if (!inconsistent.empty()) review.push_back("一致性检查未通过：" + inconsistent);
  if (v->rejected_count > 0) {
    review.push_back(fmt::format("有 {} 行未通过校验被隔离，须经主管部门审核", v->rejected_count));
  }
  if (review.empty()) {
    out.path = "direct";
    out.reasons = {fmt::format("数据字典和脱敏规则与已发布的第 {} 版相同", p->number),
                   fmt::format("一致性检查通过：共 {} 行，字段和类型齐全，脱敏字段确已脱敏，没有被隔离的行", v->row_count)};
    if (!out.basis.empty()) out.reasons.push_back(fmt::format("依据：{}", out.basis));
  } else {
    out.path = "review";
    out.reasons = std::move(review);
  }
  return out;
}

Result<workflow::Case> ReviewService::submit_update(const catalog::Actor& a, const std::string& code,
                                                    std::int64_t version_id, const std::string& comment,
                                                    const std::vector<std::string>& extra_reviews) {
  KF_ASSIGN(catalog::Entry e, catalog_.get(&a, code));
  if (!is_provider_staff(a, e)) return Error::denied("只有本单位的数据提供方人员可以提交数据更新");
  if (e.state == "withdrawn") return Error::conflict("已撤销的目录不能再提交");
  KF_ASSIGN(UpdatePath path, update_path(a, code, version_id));
  if (!path.problems.empty()) return incomplete("提交前请先完善：", path.problems);
  KF_TRY(check_no_open_case("publication", code));
  const bool direct = path.path == "direct" && extra_reviews.empty();
  KF_ASSIGN(auto nc, new_case("publication", extra_reviews));
  json::array reasons;
  for (const auto& r : path.reasons) reasons.emplace_back(r);
  if (path.path == "direct" && !direct) reasons = json::array{"提交方要求增加审查环节"};
  nc.subject_code = code;
  nc.owner_org_id = e.provider_id;
  json::object update;
  update["path"] = direct ? "direct" : "review";
  update["version_number"] = path.version_number;
  update["replaces_version_id"] = path.replaces_id;
  update["replaces_version_number"] = path.replaces_number;
  update["reasons"] = std::move(reasons);
  update["basis"] = path.basis;
  nc.payload = json::object{{"version_id", version_id}, {"entry_name", e.meta.name}, {"update", std::move(update)}};
  if (direct) {
    // Nothing for a reviewer: the case ends when it is submitted (the engine publishes it).
    nc.stages.resize(1);
    nc.title = fmt::format("直接发布更新：{}", e.meta.name);
  } else {
    nc.title = fmt::format("更新审核：{}", e.meta.name);
  }
  return engine_.submit(to_workflow(a), std::move(nc),
                        comment.empty() ? fmt::format("数据更新：第 {} 版替换第 {} 版", path.version_number, path.replaces_number)
                                        : comment);
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
