// `kaifang calendar show|add-working-days|between|import`: the working-day calendar from the
// command line (issue 6). import is the administrators' way to add or correct a year.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

#include "app/runtime.h"

namespace kf::app {

// Adds the `calendar` command group to `app`. The commands run from their CLI11 callbacks while
// the command line is parsed; a failure ends the parse with CLI::RuntimeError(exit code), which
// CLI11_PARSE turns into main's return value. `g` must outlive the parse.
void add_calendar_commands(CLI::App& app, GlobalOptions& g, const std::function<void(CLI::App*)>& add_globals);

int run_calendar_show(const GlobalOptions& g, int year, bool as_toml, bool as_json);
int run_calendar_add(const GlobalOptions& g, const std::string& date, int n);
int run_calendar_between(const GlobalOptions& g, const std::string& from, const std::string& to);
int run_calendar_import(const GlobalOptions& g, const std::string& toml_file);

}  // namespace kf::app
