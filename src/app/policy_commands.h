// `kaifang policy list|show|check`: the policy profiles (DOMAIN.md §14, issue 6).
#pragma once

#include "app/runtime.h"

namespace CLI {
class App;
}

namespace kf::app {

// Adds the `policy` command group to `app`; its subcommands run from CLI11 callbacks and end
// the program with exit code 1 on an error (CLI::RuntimeError), 0 otherwise. `g` must outlive
// the parse (its data_dir is read when the callback runs).
void add_policy_commands(CLI::App& app, GlobalOptions& g);

int run_policy_list(const std::string& data_dir);
// `profile`: a name under data_dir/policies/ or a path ending in .toml.
int run_policy_show(const std::string& data_dir, const std::string& profile, bool as_json);
int run_policy_check(const std::string& data_dir, const std::string& profile);

}  // namespace kf::app
