// SQLite driver (private to the db module; other modules go through connect()).
#pragma once

#include <memory>
#include <string>

#include "db/database.h"

namespace kf::db {

// Opens (creating when missing) the SQLite database at `path` in WAL mode with
// synchronous=FULL, foreign keys on and a 5 s busy timeout. Errors: unavailable.
Result<std::unique_ptr<Connection>> open_sqlite(const std::string& path);

}  // namespace kf::db
