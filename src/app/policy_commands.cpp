#include "app/policy_commands.h"

#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <cstdio>
#include <memory>

#include "app/commands.h"
#include "policy/names.h"
#include "policy/profile_json.h"

namespace kf::app {

namespace {

// Columns on a terminal: CJK characters and full-width punctuation take two.
std::size_t display_width(const std::string& s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    // General punctuation (U+2000–U+203F: — “ ” …) takes one column, other 3-4 byte characters two.
    bool narrow = len == 3 && c == 0xE2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80;
    w += len >= 3 && !narrow ? 2 : 1;
    i += static_cast<std::size_t>(len);
  }
  return w;
}

std::string pad(const std::string& s, std::size_t width) {
  std::size_t w = display_width(s);
  return w >= width ? s + " " : s + std::string(width - w, ' ');
}

std::string deadline_text(const policy::Stage& s) {
  std::string t;
  if (s.immediate) t = "即时";
  else if (s.deadline_cycles > 0) t = std::to_string(s.deadline_cycles) + " 个更新周期";
  else if (s.deadline_wd > 0) t = std::to_string(s.deadline_wd) + " 个工作日";
  else t = s.assignee == "system" || s.key == "submit" ? "—" : "未规定";
  if (!s.rounds.empty()) {
    t += "，按轮次：";
    for (std::size_t i = 0; i < s.rounds.size(); ++i) t += (i ? "、" : "") + s.rounds[i];
    t += " 前";
  }
  return t;
}

const char* yes_no(bool b) { return b ? "是" : "否"; }

void print_profile(const policy::Profile& p) {
  std::printf("%s（%s）\n", p.name.c_str(), p.key.c_str());
  std::printf("地区：%s%s\n", p.region.c_str(), p.region_code.empty() ? "" : ("（" + p.region_code + "）").c_str());
  std::printf("依据：%s\n", p.source.c_str());
  std::printf("开放属性：%s / %s / %s\n", p.open_labels.at("unconditional").c_str(),
              p.open_labels.at("conditional").c_str(), p.open_labels.at("not_open").c_str());
  std::printf("共享属性：%s / %s / %s\n", p.share_labels.at("unconditional").c_str(),
              p.share_labels.at("conditional").c_str(), p.share_labels.at("not_shared").c_str());
  std::printf("到期提醒：提前 %d 个工作日\n", p.reminder_lead_wd);
  std::printf("年度开放清单发布截止：%s\n", p.open_list_due ? p.open_list_due->c_str() : "未规定");
  if (p.app_publish_months > 0) std::printf("利用成果发布期限：获取后 %d 个月内\n", p.app_publish_months);
  if (p.usage_report_months > 0) std::printf("利用情况报告：每 %d 个月一次\n", p.usage_report_months);
  if (p.reevaluate_months > 0) std::printf("受限数据定期评估：每 %d 个月提醒提供单位\n", p.reevaluate_months);
  if (p.catalog_update_wd > 0) {
    std::printf("目录更新期限：法律法规修订或职能变更后 %d 个工作日内（提供单位）\n", p.catalog_update_wd);
  }
  const auto& f = p.flags;
  std::printf("规则：\n");
  std::printf("  有条件开放数据可下载      %s\n", yes_no(f.conditional_downloadable));
  std::printf("  匿名下载无条件开放数据    %s\n", yes_no(f.anonymous_download));
  std::printf("  按季度集中审核            %s\n", yes_no(f.quarterly_review_rounds));
  std::printf("  用户分级                  %s\n", yes_no(f.user_grades));
  std::printf("  只做部门间共享            %s\n", yes_no(f.sharing_only));
  std::printf("  数据沙箱 / 隐私计算       %s\n", yes_no(f.sandbox));
  std::printf("  结果数据须审查            %s\n", yes_no(f.result_review));
  std::printf("  公布获取有条件数据的名单  %s\n", yes_no(f.publish_grant_holders));
  std::printf("  个人信息须授权同意        %s\n", yes_no(f.consent_required));
  std::printf("  公示违规行为和处理措施    %s\n", yes_no(f.publish_violations));
  if (p.user_grades) {
    std::string levels;
    for (const auto& l : p.user_grades->levels) levels += (levels.empty() ? "" : " / ") + l;
    std::printf("用户等级：%s；申请有条件开放数据需 %s 级以上，沙箱建模需 %s 级以上\n", levels.c_str(),
                p.user_grades->apply.c_str(), p.user_grades->sandbox.c_str());
  }
  for (const auto& key : policy::procedure_keys()) {
    auto it = p.procedures.find(key);
    if (it == p.procedures.end()) continue;
    const policy::Procedure& pr = it->second;
    std::printf("\n■ %s（%s）", pr.label.c_str(), pr.key.c_str());
    if (!pr.enabled) {
      std::printf("：不适用\n");
      continue;
    }
    if (pr.deadline_wd > 0) std::printf("，全程 %d 个工作日", pr.deadline_wd);
    std::printf("%s\n", pr.basis.empty() ? "" : ("　依据：" + pr.basis).c_str());
    std::printf("  %s%s%s%s%s\n", pad("序号", 6).c_str(), pad("环节", 34).c_str(), pad("办理方", 12).c_str(),
                pad("期限", 22).c_str(), "可用操作");
    int n = 0;
    for (const auto& s : pr.stages) {
      std::string actions;
      for (const auto& a : s.actions) {
        actions += (actions.empty() ? "" : "、") + policy::action_name(a);
        if (a == "reject" && s.reject_needs_legal_basis) actions += "（须附法律法规依据）";
      }
      std::string label = s.label + (s.optional ? "（视情况）" : "");
      std::printf("  %s%s%s%s%s\n", pad(std::to_string(++n), 6).c_str(), pad(label, 34).c_str(),
                  pad(policy::assignee_name(s.assignee), 12).c_str(), pad(deadline_text(s), 22).c_str(),
                  actions.empty() ? "—" : actions.c_str());
    }
  }
}

}  // namespace

int run_policy_list(const std::string& data_dir) {
  std::string dir = find_data_dir(data_dir) + "/policies";
  auto keys = policy::list_profiles(dir);
  if (!keys) return print_error(keys.error()), 1;
  std::printf("%s%s%s\n", pad("名称", 12).c_str(), pad("配置", 24).c_str(), "地区");
  int status = 0;
  for (const auto& key : *keys) {
    auto p = policy::load_profile(dir + "/" + key + ".toml");
    if (!p) {
      print_error(p.error());
      status = 1;
      continue;
    }
    std::printf("%s%s%s\n", pad(key, 12).c_str(), pad(p->name, 24).c_str(), p->region.c_str());
  }
  return status;
}

int run_policy_show(const std::string& data_dir, const std::string& profile, bool as_json) {
  auto p = policy::find_profile(find_data_dir(data_dir), profile);
  if (!p) return print_error(p.error()), 1;
  if (as_json) {
    std::printf("%s\n", boost::json::serialize(policy::to_json(*p)).c_str());
  } else {
    print_profile(*p);
  }
  return 0;
}

int run_policy_check(const std::string& data_dir, const std::string& profile) {
  auto p = policy::find_profile(find_data_dir(data_dir), profile);
  if (!p) return print_error(p.error()), 1;
  int enabled = 0;
  for (const auto& [key, pr] : p->procedures) enabled += pr.enabled ? 1 : 0;
  std::printf("配置有效：%s（%s），启用 %d 个流程\n", p->key.c_str(), p->name.c_str(), enabled);
  return 0;
}

void add_policy_commands(CLI::App& app, GlobalOptions& g) {
  struct Options {
    std::string profile;
    std::string format = "text";
  };
  auto o = std::make_shared<Options>();
  auto finish = [](int code) {
    if (code != 0) throw CLI::RuntimeError(code);
  };
  auto* policy = app.add_subcommand("policy", "政策配置：开放属性名称、各流程的环节、期限与规则（data/policies/）");
  policy->require_subcommand(1);
  auto data_dir = [&g](CLI::App* cmd) {
    cmd->add_option("--data-dir", g.data_dir, "参考数据目录（含 policies/），默认自动查找");
  };

  auto* list = policy->add_subcommand("list", "列出随附的政策配置（名称、配置、地区）");
  data_dir(list);
  list->callback([&g, finish] { finish(run_policy_list(g.data_dir)); });

  auto* show = policy->add_subcommand("show", "显示政策配置：各流程的环节、办理方、期限与可用操作");
  data_dir(show);
  show->add_option("profile", o->profile, "配置名称（如 weifang）或 .toml 文件路径")->required();
  show->add_option("--format", o->format, "输出格式：text 或 json")->check(CLI::IsMember({"text", "json"}));
  show->callback([&g, o, finish] { finish(run_policy_show(g.data_dir, o->profile, o->format == "json")); });

  auto* check = policy->add_subcommand("check", "检查政策配置文件：有效时显示「配置有效」，否则指出错误所在的行和键");
  data_dir(check);
  check->add_option("file", o->profile, "配置文件 FILE.toml（或配置名称）")->required();
  check->callback([&g, o, finish] { finish(run_policy_check(g.data_dir, o->profile)); });
}

}  // namespace kf::app
