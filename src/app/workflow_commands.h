// `kaifang workflow tick [--at TIME]`: runs the review workflows' timers once (reminders,
// overdue marking, escalation) — for cron when the server's own scheduler is off
// ([workflow] tick_seconds = 0), and to check what a given moment would trigger.
// `kaifang workflow cases [--open]`: lists the cases with their stages and due dates.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

#include "app/runtime.h"

namespace kf::app {

void add_workflow_commands(CLI::App& app, GlobalOptions& g, const std::function<void(CLI::App*)>& add_globals);

}  // namespace kf::app
