#include "app/workflow_commands.h"

#include <cstdio>

#include "app/commands.h"

namespace kf::app {

namespace {

int run_tick(const GlobalOptions& g, const std::string& at) {
  std::optional<core::ManualClock> fixed;
  if (!at.empty()) {
    auto ms = core::parse_china_time(at);
    if (!ms) return print_error(ms.error()), 2;
    fixed.emplace(*ms);
  }
  auto rt = open_runtime(g, SchemaMode::require, 2, fixed ? &*fixed : nullptr);
  if (!rt) return print_error(rt.error()), 1;
  auto r = (*rt)->workflow->tick();
  if (!r) return print_error(r.error()), 1;
  std::printf("到期提醒 %d 条，逾期 %d 件，督办 %d 件\n", r->reminders, r->overdue, r->escalated);
  return 0;
}

int run_cases(const GlobalOptions& g, bool open_only) {
  auto rt = open_runtime(g, SchemaMode::require, 2);
  if (!rt) return print_error(rt.error()), 1;
  workflow::CaseFilter f;
  f.open_only = open_only;
  auto cases = (*rt)->workflow->list({0, "cli", {"admin"}, {}}, f);
  if (!cases) return print_error(cases.error()), 1;
  for (const auto& c : *cases) {
    auto left = (*rt)->workflow->days_left(c);
    std::printf("%-6lld %-10s %-14s %-24s %-10s %s%s\n", static_cast<long long>(c.id), c.state.c_str(),
                c.type.c_str(), c.stage().label.c_str(), c.due_date.value_or("-").c_str(),
                left ? (std::to_string(*left) + " 个工作日").c_str() : "", c.overdue_at ? " 已逾期" : "");
  }
  return 0;
}

}  // namespace

void add_workflow_commands(CLI::App& app, GlobalOptions& g, const std::function<void(CLI::App*)>& add_globals) {
  struct State {
    std::string at;
    bool open = false;
  };
  auto st = std::make_shared<State>();
  auto finish = [](int rc) {
    if (rc != 0) throw CLI::RuntimeError(rc);
  };
  auto* wf = app.add_subcommand("workflow", "审核流程：期限检查（到期提醒、逾期督办）与事项列表");
  wf->require_subcommand(1);
  auto* tick = wf->add_subcommand("tick", "立即执行一次期限检查；多台服务器或定时任务同时执行时每条提醒只发一次");
  add_globals(tick);
  tick->add_option("--at", st->at, "按此时刻检查（YYYY-MM-DDTHH:MM 北京时间，或以 Z 结尾的 UTC），默认现在");
  tick->callback([st, &g, finish] { finish(run_tick(g, st->at)); });
  auto* cases = wf->add_subcommand("cases", "列出审核事项：编号、状态、类型、当前环节、截止日期、剩余工作日");
  add_globals(cases);
  cases->add_flag("--open", st->open, "只列办理中的事项");
  cases->callback([st, &g, finish] { finish(run_cases(g, st->open)); });
}

}  // namespace kf::app
