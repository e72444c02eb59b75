// `kaifang demo`: the demo city of data/demo/ — 潍坊市 with its bureau, departments and staff
// accounts (orgs.toml), and its catalog (entries/*.toml) with deterministic generated data,
// imported and published. Idempotent: what exists already is left alone.
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "app/catalog_commands.h"
#include "app/commands.h"
#include "demo/demo.h"

namespace kf::app {

namespace fs = std::filesystem;

namespace {

Result<void> seed_orgs_and_users(Runtime& rt, const demo::DemoOrgs& city) {
  auto& access = *rt.access;
  for (const auto& o : city.orgs) {
    KF_ASSIGN(auto existing, access.find_org(o.name));
    if (existing) continue;
    access::NewOrg n{o.name, o.kind, o.level, o.region, std::nullopt, std::nullopt, std::nullopt};
    if (!o.credit_code.empty()) n.credit_code = o.credit_code;
    if (!o.legal_representative.empty()) n.legal_representative = o.legal_representative;
    if (!o.parent.empty()) {
      KF_ASSIGN(auto parent, access.find_org(o.parent));
      if (!parent) return Error::invalid("演示数据中上级组织不存在：" + o.parent);
      n.parent_id = parent->id;
    }
    KF_TRY(access.create_org(n));
  }
  for (const auto& u : city.users) {
    if (access.find_user(u.username)) continue;
    KF_ASSIGN(auto user, access.create_user({u.username, u.password, std::nullopt, std::nullopt, {u.role}}));
    if (!u.org.empty()) {
      KF_ASSIGN(auto org, access.find_org(u.org));
      if (!org) return Error::invalid("演示账号的组织不存在：" + u.org);
      KF_TRY(access.add_member(user.id, org->id, u.cdo, u.commissioner));
    }
    if (!u.real_name.empty()) KF_TRY(access.verify_real_name(user.id, u.real_name, u.id_number));
  }
  return kf::ok();
}

// Creates, fills and publishes one entry unless it is already published.
Result<std::int64_t> seed_entry(Runtime& rt, const demo::DemoEntry& d, std::uint64_t max_rows) {
  auto actor = catalog::Actor::system("demo");
  KF_ASSIGN(auto entry, create_entry_from_toml(rt, d.toml_path, actor));
  if (entry.published_version_id) return entry.row_count.value_or(0);
  fs::path dir = fs::path(rt.catalog->config().work_dir) / "demo";
  std::error_code ec;
  fs::create_directories(dir, ec);
  std::string csv = (dir / (d.code + ".csv")).string();
  KF_TRY(demo::write_csv(d, csv, max_rows));
  catalog::ImportRequest req;
  req.path = csv;
  req.source_name = d.code + ".csv";
  req.publish = true;
  catalog::ImportProgress progress;
  auto result = rt.catalog->import(actor, d.code, req, progress);
  fs::remove(csv, ec);
  if (!result) return result.error();
  if (result->state != "succeeded") return Error::internal("demo data of " + d.code + " was refused: " + result->message);
  return progress.accepted.load();
}

// Two submissions waiting in the review workflow, so that the authority's and the provider's
// task lists are not empty: one before the bureau's normative review, one returned with reasons.
Result<void> seed_review_cases(Runtime& rt) {
  workflow::CaseFilter f;
  f.type = "publication";
  KF_ASSIGN(auto existing, rt.workflow->list({0, "demo", {"admin"}, {}}, f));
  if (!existing.empty()) return kf::ok();
  auto user = rt.access->find_user("transport");
  auto bureau = rt.access->find_user("bureau");
  if (!user || !bureau || user->orgs.empty()) return kf::ok();  // a city without these accounts
  catalog::Actor provider{user->id, user->username, user->roles, {user->orgs.front().org_id}};
  catalog::Actor authority{bureau->id, bureau->username, bureau->roles, {}};
  for (const auto& m : bureau->orgs) authority.org_ids.push_back(m.org_id);
  struct Pending {
    const char* code;
    const char* name;
    const char* summary;
    const char* reason;  // non-empty: returned by the bureau with this reason
  };
  const Pending pending[] = {
      {"370700-JT-9001", "公交站点客流统计", "全市公交站点分时段上下车人次统计，按月更新。", ""},
      {"370700-JT-9002", "出租汽车服务质量考核结果", "出租汽车企业年度服务质量信誉考核等级。",
       "摘要未说明考核依据和数据来源，请补充后重新提交"},
  };
  fs::path dir = fs::path(rt.catalog->config().work_dir) / "demo";
  std::error_code ec;
  fs::create_directories(dir, ec);
  for (const auto& p : pending) {
    boost::json::object e{{"code", p.code},
                          {"name", p.name},
                          {"summary", p.summary},
                          {"domain", "交通"},
                          {"keywords", boost::json::array{"交通", "公交"}},
                          {"region_code", "370700"},
                          {"formats", boost::json::array{"csv", "xlsx", "json"}},
                          {"update_frequency", "monthly"},
                          {"fields", boost::json::array{{{"name", "编号"}, {"label", "编号"}, {"type", "text"}, {"key", true}, {"nullable", false}},
                                                        {{"name", "名称"}, {"label", "名称"}, {"type", "text"}},
                                                        {{"name", "数值"}, {"label", "数值"}, {"type", "integer"}}}}};
    KF_ASSIGN(auto meta, catalog::meta_from_json(e));
    KF_TRY(rt.catalog->create(provider, std::move(meta), 0));
    std::string csv = (dir / (std::string(p.code) + ".csv")).string();
    {
      std::FILE* out = std::fopen(csv.c_str(), "w");
      if (!out) return Error::internal("cannot write " + csv);
      std::fputs("编号,名称,数值\n", out);
      for (int i = 1; i <= 30; ++i) std::fprintf(out, "N%03d,站点%d,%d\n", i, i, 100 + i * 7);
      std::fclose(out);
    }
    catalog::ImportRequest req;
    req.path = csv;
    req.source_name = std::string(p.code) + ".csv";
    catalog::ImportProgress progress;
    KF_ASSIGN(auto imported, rt.catalog->import(provider, p.code, req, progress));
    if (!imported.version_id) return Error::internal(std::string("demo data of ") + p.code + " was refused");
    KF_ASSIGN(auto c, rt.review->submit_publication(provider, p.code, *imported.version_id, "请审核"));
    if (*p.reason) KF_TRY(rt.review->act(authority, c.id, "reject", p.reason, std::nullopt));
  }
  std::printf("审核流程：2 件发布申请（1 件待主管部门审核，1 件已退回待修改）\n");
  return kf::ok();
}

catalog::Actor actor_of_user(const access::User& u) {
  catalog::Actor a{u.id, u.username, u.roles, {}};
  for (const auto& m : u.orgs) a.org_ids.push_back(m.org_id);
  return a;
}

// Conditional data (issue 13): the demo companies are graded where the profile grades users; one
// holds an active grant with a signed agreement, another's application waits for the bureau.
Result<void> seed_applications(Runtime& rt) {
  if (!rt.workflow->flow("conditional_application")) return kf::ok();
  workflow::CaseFilter f;
  f.type = "conditional_application";
  KF_ASSIGN(auto existing, rt.workflow->list({0, "demo", {"admin"}, {}}, f));
  if (!existing.empty()) return kf::ok();
  auto company = rt.access->find_user("company");
  auto credit = rt.access->find_user("credit");
  auto bureau = rt.access->find_user("bureau");
  auto health = rt.access->find_user("health");
  if (!company || !credit || !bureau || !health || company->orgs.empty() || credit->orgs.empty()) return kf::ok();
  const auto system = catalog::Actor::system("demo");
  if (rt.policy.user_grades && !rt.policy.user_grades->apply.empty()) {
    for (const auto* u : {&*company, &*credit}) {
      boost::json::object evidence{{"protection_level", 3},
                                   {"protection_filing_no", "37070099999-00001"},
                                   {"credit_check", "信用中国查询无失信记录"},
                                   {"company_type", "有限责任公司"}};
      KF_TRY(rt.apply->set_grade(system, std::nullopt, u->orgs.front().org_id, rt.policy.user_grades->apply, evidence));
    }
  }
  const std::string pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
  auto apply_for = [&](const access::User& u, const std::string& code, std::vector<std::string> fields,
                       const std::string& app_name, const std::string& scenario) -> Result<workflow::Case> {
    const auto a = actor_of_user(u);
    KF_ASSIGN(auto report, rt.apply->upload(a, "credit_report", "企业信用报告.pdf", pdf));
    apply::ApplicationForm form;
    form.entry_code = code;
    form.org_id = u.orgs.front().org_id;
    form.contact_name = u.real_name_masked.value_or(u.username);
    form.contact_phone = "13800138000";
    form.app_name = app_name;
    form.domain = "金融服务";
    form.scenario = scenario;
    form.service_scope = "潍坊市";
    form.system_name = app_name;
    form.machine_room = "潍坊市政务云";
    form.protection_level = 3;
    form.protection_filing_no = "37070099999-00001";
    form.fields = std::move(fields);
    form.channels = {"api"};
    form.months = 12;
    form.calls_per_day = 1000;
    form.commitment_accepted = true;
    form.conditions_confirmed = true;
    form.attachments = {report.id};
    return rt.apply->submit(a, form);
  };
  // An active grant: reviewed by the bureau and the health commission, the agreement signed.
  KF_ASSIGN(auto granted, apply_for(*company, "370700-WS-0006", {"name", "practice_type", "practice_scope", "institution"},
                                    "医疗机构执业人员核验服务", "为互联网医院核验医师执业注册信息"));
  for (int guard = 0; guard < 8 && !granted.closed(); ++guard) {
    if (granted.stage().key == "agreement") {
      KF_ASSIGN(granted, rt.apply->sign(actor_of_user(*company), granted.id, "127.0.0.1"));
      continue;
    }
    const auto& who = granted.assignee_role == "provider" ? *health : *bureau;
    apply::ApplyService::ActOptions o;
    if (granted.stage().key == "provider_review") {
      o.granted_fields = std::vector<std::string>{"name", "practice_type", "practice_scope"};
    }
    KF_ASSIGN(granted, rt.apply->act(actor_of_user(who), granted.id, "approve", "同意", o));
  }
  // A pending application before the bureau's normative review.
  KF_TRY(apply_for(*credit, "370700-CJ-0004", {"unit_name", "uscc", "status"}, "小微企业信用评估",
                   "根据单位公积金缴存情况评估小微企业经营稳定性"));
  std::printf("有条件开放数据：1 件已办结并签订协议、开通授权（company），1 件待主管部门审核（credit）\n");
  return kf::ok();
}

}  // namespace

int run_demo_seed(const GlobalOptions& g, std::uint64_t max_rows) {
  auto rt_result = open_runtime(g, SchemaMode::migrate);
  if (!rt_result) return print_error(rt_result.error()), 1;
  auto& rt = **rt_result;
  // Before the first account is made: the demo writes versions, so the storage must be ours.
  if (auto claimed = rt.claim_storage(); !claimed) return print_error(claimed.error()), 1;
  std::string dir = rt.data_dir + "/demo";
  auto city = demo::load_orgs(dir + "/orgs.toml");
  if (!city) return print_error(city.error()), 1;
  if (auto r = seed_orgs_and_users(rt, *city); !r) return print_error(r.error()), 1;
  auto entries = demo::load_entries(dir + "/entries");
  if (!entries) return print_error(entries.error()), 1;
  std::printf("演示城市：%s，%zu 个组织机构，%zu 个演示账号，%zu 个数据目录\n", city->city_name.c_str(),
              city->orgs.size(), city->users.size(), entries->size());
  std::int64_t total_rows = 0;
  auto started = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < entries->size(); ++i) {
    const auto& d = (*entries)[i];
    auto t0 = std::chrono::steady_clock::now();
    auto rows = seed_entry(rt, d, max_rows);
    if (!rows) {
      std::fprintf(stderr, "目录 %s 载入失败\n", d.code.c_str());
      return print_error(rows.error()), 1;
    }
    total_rows += *rows;
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("  [%2zu/%zu] %-16s %-24s %9lld 行  %.1f 秒\n", i + 1, entries->size(), d.code.c_str(), d.name.c_str(),
                static_cast<long long>(*rows), secs);
    std::fflush(stdout);
  }
  if (auto r = seed_review_cases(rt); !r) return print_error(r.error()), 1;
  if (auto r = seed_applications(rt); !r) return print_error(r.error()), 1;
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("演示数据已就绪：共 %lld 行，用时 %.0f 秒。\n演示账号（密码均为 Demo-2026!kf）：\n",
              static_cast<long long>(total_rows), secs);
  for (const auto& u : city->users) std::printf("  %-12s %s\n", u.username.c_str(), u.who.c_str());
  return 0;
}

}  // namespace kf::app
