// PostgreSQL driver over libpq (private to the db module; other modules go through connect()).
#pragma once

#include <memory>
#include <string>

#include "db/database.h"

namespace kf::db {

// Connects with client_encoding=UTF8 and a connect timeout (both overridable in the URL
// except the encoding). Errors: unavailable when the server cannot be reached.
Result<std::unique_ptr<Connection>> open_postgres(const std::string& url);

}  // namespace kf::db
