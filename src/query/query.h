// The query language of the data API: a SoQL-compatible subset ($select, $where, $order,
// $group, $having, $limit, $offset, $q and ?column=value filters), checked against a data
// dictionary and compiled to parameterised SQL for SQLite or PostgreSQL. See README.md.
//
// Safety contract: every literal of the query becomes a bound parameter; every identifier is
// resolved against the dictionary and emitted as the physical column "c<i>". User text never
// reaches the SQL string.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/dictionary.h"
#include "core/error.h"
#include "db/database.h"

namespace kf::query {

// The query parameters as they arrive (URL-decoded). Empty strings mean "not given".
struct QueryParams {
  std::string select, where, order, group, having, q;
  std::optional<std::string> limit, offset;
  std::vector<std::pair<std::string, std::string>> equals;  // ?column=value filters
};

struct CompileOptions {
  std::size_t max_param_bytes = 4000;  // per parameter
  std::int64_t default_limit = 1000;
  std::int64_t max_limit = 50000;
};

// One column of the result: the name shown to users (alias, field name or the expression's
// text) and its type. Booleans come back from the database as integers 0/1.
struct OutputColumn {
  std::string name;
  core::FieldType type = core::FieldType::text;
};

struct CompiledQuery {
  std::string sql;
  std::vector<db::Value> params;
  std::vector<OutputColumn> columns;
  // SELECT COUNT(*) of the same filter (and grouping), for the total number of result rows.
  std::string count_sql;
  std::vector<db::Value> count_params;
};

// Compiles a query against `fields` (the dictionary of the version; field i lives in column
// "c<i>") for table `table` (trusted: made by the caller, e.g. "rows" or "data.ds_12").
// Errors: invalid_argument with slug "invalid_query", a Chinese message and
// Error::field = "<parameter>:<position>", e.g. "$where:17" (1-based, in code points;
// for ?column=value filters the parameter is the column name and the position 1).
Result<CompiledQuery> compile(const QueryParams& params, const std::vector<core::Field>& fields,
                              db::Dialect dialect, const std::string& table,
                              const CompileOptions& options = {});

// Runs a compiled query with a time limit. PostgreSQL: SET LOCAL statement_timeout inside a
// transaction (the caller's, if one is open); a timeout is `unavailable` with slug
// "query_timeout". SQLite: Connection::set_deadline (a progress handler), same error.
Result<db::ResultSet> execute(db::Connection& conn, const CompiledQuery& query,
                              std::chrono::milliseconds timeout);

}  // namespace kf::query
