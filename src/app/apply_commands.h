// `kaifang apply …` (issue 13): the authority's work on conditional data from the command line.
//   apply dishonest FILE --kind K --source S --listed-on DATE   import a dishonest list (CSV)
//   apply grade (--org NAME | --user NAME) --grade G            set a user grade (Lishui art. 10)
//   apply grants [--json]                                      list the grants and their state
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

#include "app/runtime.h"

namespace kf::app {

void add_apply_commands(CLI::App& app, GlobalOptions& g, const std::function<void(CLI::App*)>& add_globals);

}  // namespace kf::app
