// Resolves names against the data dictionary (and select aliases), assigns types and refuses
// ill-typed or ill-placed expressions, all with positions. Internal to the query module.
#pragma once

#include <vector>

#include "core/dictionary.h"
#include "query/ast.h"

namespace kf::query {

enum class Clause { select, where, group, having, order };

struct Scope {
  const std::vector<core::Field>& fields;
  const std::vector<SelectItem>* select = nullptr;  // aliases visible in group/having/order
  Clause clause = Clause::where;
};

// Annotates `n` in place (field, alias_target, type, aggregate).
Result<void> analyze(Node& n, const Scope& scope);

// A condition clause ($where, $having) must be a truth value.
Result<void> require_condition(const Node& n);

// For grouped queries: every column outside an aggregate must be one of the group
// expressions. `group` are analyzed group expressions.
Result<void> check_grouped(const Node& n, const std::vector<NodePtr>& group,
                           const std::vector<core::Field>& fields);

// Equal keys mean the same expression (aliases resolved); used to match $group and $order
// against the select list.
std::string expression_key(const Node& n);

bool is_numeric(ValueType t);
core::FieldType output_type(ValueType t);

}  // namespace kf::query
