// `?` → `$n` rewriting for PostgreSQL (private to the db module; exposed for tests).
#pragma once

#include <string>
#include <string_view>

namespace kf::db {

struct RewrittenSql {
  std::string sql;
  int params = 0;  // number of placeholders found
};

// Replaces each `?` with $1, $2, … in order, leaving alone those inside '…' and E'…'
// strings, "…" identifiers, $tag$…$tag$ bodies, -- and /* */ comments. PostgreSQL's jsonb
// `?` operators therefore cannot be written in portable SQL (use jsonb_exists()).
RewrittenSql rewrite_placeholders(std::string_view sql);

}  // namespace kf::db
