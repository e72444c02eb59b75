#pragma once

#include <vector>

#include "db/database.h"

namespace kf::catalog {

// The catalog module's migrations (versions 200–299).
std::vector<db::Migration> migrations();

}  // namespace kf::catalog
