// Writes analyzed trees as SQL of one dialect, appending the literals to a parameter list
// in the order their `?` appear. Internal to the query module.
#pragma once

#include <string>
#include <vector>

#include "db/database.h"
#include "query/ast.h"

namespace kf::query {

// "c<i>" double-quoted: the only way a column reaches SQL.
std::string quoted_column(std::size_t i);

class SqlWriter {
 public:
  SqlWriter(db::Dialect d, std::vector<db::Value>& params) : d_(d), params_(params) {}

  // The expression as a value (conditions become 0/1 integers).
  std::string value(const Node& n);
  // The expression as an SQL truth value (stored booleans are compared with 1).
  std::string condition(const Node& n);
  // Binds a parameter and returns its placeholder, typed on PostgreSQL (where an untyped
  // parameter in `? + ?` could not be resolved).
  std::string bind(db::Value v);
  // On PostgreSQL, text-like values compare in the "C" collation: code-point order, the same
  // as SQLite, whatever the database's default collation (ISO dates rely on it too).
  std::string collated(std::string sql, ValueType t) const;

 private:
  std::string call(const Node& n);
  std::string like(const Node& n);
  db::Dialect d_;
  std::vector<db::Value>& params_;
};

}  // namespace kf::query
