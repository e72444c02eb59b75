#include "app/apply_commands.h"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "app/commands.h"

namespace kf::app {

namespace {

int run_dishonest(const GlobalOptions& g, const std::string& file, const std::string& kind, const std::string& source,
                  const std::string& listed_on) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return print_error(Error::invalid("无法读取文件：" + file, "file")), 2;
  std::stringstream ss;
  ss << in.rdbuf();
  auto rt = open_runtime(g, SchemaMode::require, 2);
  if (!rt) return print_error(rt.error()), 1;
  auto r = (*rt)->apply->import_dishonest_file(catalog::Actor::system("cli"), kind, source, listed_on, file, ss.str());
  if (!r) return print_error(r.error()), 1;
  std::printf("已导入 %d 条（%s，%s，%s）\n", r->added, kind.c_str(), source.c_str(), listed_on.c_str());
  for (const auto& p : r->problems) std::printf("  未导入：%s\n", p.c_str());
  return r->problems.empty() ? 0 : 3;
}

int run_grade(const GlobalOptions& g, const std::string& org, const std::string& user, const std::string& grade) {
  auto rt = open_runtime(g, SchemaMode::require, 2);
  if (!rt) return print_error(rt.error()), 1;
  std::optional<std::int64_t> org_id, user_id;
  if (!org.empty()) {
    auto o = (*rt)->access->find_org(org);
    if (!o) return print_error(o.error()), 1;
    if (!*o) return print_error(Error::not_found("组织不存在：" + org)), 1;
    org_id = (*o)->id;
  }
  if (!user.empty()) {
    auto u = (*rt)->access->find_user(user);
    if (!u) return print_error(u.error()), 1;
    user_id = u->id;
  }
  auto r = (*rt)->apply->set_grade(catalog::Actor::system("cli"), user_id, org_id, grade, {});
  if (!r) return print_error(r.error()), 1;
  std::printf("已评定 %s 为 %s 级\n", std::string(r->at("name").as_string()).c_str(), grade.c_str());
  return 0;
}

int run_grants(const GlobalOptions& g, bool as_json) {
  auto rt = open_runtime(g, SchemaMode::require, 2);
  if (!rt) return print_error(rt.error()), 1;
  auto grants = (*rt)->apply->grants(catalog::Actor::system("cli"));
  if (!grants) return print_error(grants.error()), 1;
  if (as_json) {
    boost::json::array a;
    for (const auto& gr : *grants) a.push_back(apply::to_json(gr));
    std::printf("%s\n", boost::json::serialize(a).c_str());
    return 0;
  }
  for (const auto& gr : *grants) {
    std::string fields;
    for (const auto& f : gr.fields) fields += (fields.empty() ? "" : "、") + f;
    std::printf("%-5lld %-10s %-18s %-24s 至 %s  %s\n", static_cast<long long>(gr.id), gr.state.c_str(),
                gr.entry_code.c_str(), gr.holder_name.c_str(), apply::beijing_day(gr.expires_at).c_str(), fields.c_str());
  }
  return 0;
}

// CLS-5: the conditional entries to re-evaluate, soonest first.
int run_reevaluations(const GlobalOptions& g, bool as_json) {
  auto rt = open_runtime(g, SchemaMode::require, 2);
  if (!rt) return print_error(rt.error()), 1;
  auto items = (*rt)->apply->reevaluations(catalog::Actor::system("cli"));
  if (!items) return print_error(items.error()), 1;
  if (as_json) {
    std::printf("%s\n", boost::json::serialize(*items).c_str());
    return 0;
  }
  for (const auto& v : *items) {
    const auto& o = v.as_object();
    const auto& last = o.at("last");
    std::printf("%-18s %-24s 应评估：%-10s 上次：%s\n", std::string(o.at("entry_code").as_string()).c_str(),
                std::string(o.at("provider_name").as_string()).c_str(),
                o.at("due_on").is_null() ? "未规定" : std::string(o.at("due_on").as_string()).c_str(),
                last.is_null() ? "尚未评估"
                               : (std::string(last.at("on").as_string()) + " " +
                                  (last.at("conclusion") == "keep" ? "继续有条件开放" : "转为无条件开放"))
                                     .c_str());
  }
  return 0;
}

// APP-7: the published violations (where the profile publishes them).
int run_violations(const GlobalOptions& g, bool as_json) {
  auto rt = open_runtime(g, SchemaMode::require, 2);
  if (!rt) return print_error(rt.error()), 1;
  auto items = (*rt)->apply->violations(500);
  if (!items) return print_error(items.error()), 1;
  if (as_json) {
    std::printf("%s\n", boost::json::serialize(*items).c_str());
    return 0;
  }
  for (const auto& v : *items) {
    const auto& o = v.as_object();
    std::printf("%s  %-8s %-24s %-18s %s\n", std::string(o.at("on").as_string()).c_str(),
                std::string(o.at("measure_label").as_string()).c_str(), std::string(o.at("holder_name").as_string()).c_str(),
                std::string(o.at("entry_code").as_string()).c_str(), std::string(o.at("reason").as_string()).c_str());
  }
  return 0;
}

}  // namespace

void add_apply_commands(CLI::App& app, GlobalOptions& g, const std::function<void(CLI::App*)>& add_globals) {
  struct State {
    std::string file, kind, source, listed_on, org, user, grade;
    bool json = false;
  };
  auto st = std::make_shared<State>();
  auto finish = [](int rc) {
    if (rc != 0) throw CLI::RuntimeError(rc);
  };
  auto* ap = app.add_subcommand("apply", "有条件开放数据：导入失信名单、评定用户等级、查看授权、定期评估和公示的违规行为");
  ap->require_subcommand(1);
  auto* dis = ap->add_subcommand("dishonest", "导入失信名单（CSV 或 XLSX，首行含“统一社会信用代码”或“身份证号码”列；号码只保存加密散列）");
  add_globals(dis);
  dis->add_option("file", st->file, "名单文件（.csv 或 .xlsx）")->required();
  dis->add_option("--kind", st->kind, "名单类型")->required()->check(CLI::IsMember({"失信被执行人", "严重违法失信", "经营异常"}));
  dis->add_option("--source", st->source, "名单来源，如 信用中国（山东）")->required();
  dis->add_option("--listed-on", st->listed_on, "名单日期 YYYY-MM-DD")->required();
  dis->callback([st, &g, finish] { finish(run_dishonest(g, st->file, st->kind, st->source, st->listed_on)); });
  auto* grade = ap->add_subcommand("grade", "评定用户或单位的等级（实行用户分级的地区，如丽水 A / AA / AAA）");
  add_globals(grade);
  auto* org = grade->add_option("--org", st->org, "单位名称");
  grade->add_option("--user", st->user, "用户名")->excludes(org);
  grade->add_option("--grade", st->grade, "等级")->required();
  grade->callback([st, &g, finish] { finish(run_grade(g, st->org, st->user, st->grade)); });
  auto* grants = ap->add_subcommand("grants", "列出授权：编号、状态、目录、使用方、有效期、数据项");
  add_globals(grants);
  grants->add_flag("--json", st->json, "以 JSON 输出");
  grants->callback([st, &g, finish] { finish(run_grants(g, st->json)); });
  auto* reeval = ap->add_subcommand("reevaluations",
                                    "列出有条件开放目录的定期评估：应评估日期和上次结论（按政策配置 reevaluate_months）");
  add_globals(reeval);
  reeval->add_flag("--json", st->json, "以 JSON 输出");
  reeval->callback([st, &g, finish] { finish(run_reevaluations(g, st->json)); });
  auto* viol = ap->add_subcommand("violations", "列出公示的违规行为和处理措施（政策配置 publish_violations 为 true 时）");
  add_globals(viol);
  viol->add_flag("--json", st->json, "以 JSON 输出");
  viol->callback([st, &g, finish] { finish(run_violations(g, st->json)); });
}

}  // namespace kf::app
