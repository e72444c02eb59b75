#pragma once

#include <vector>

#include "db/database.h"

namespace kf::access {

// The access module's migrations (versions 100–199).
std::vector<db::Migration> migrations();

}  // namespace kf::access
