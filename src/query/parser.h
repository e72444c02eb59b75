// Recursive-descent parser of the SoQL subset. Produces unresolved trees (names are not yet
// checked against the dictionary). Nesting is bounded by kMaxDepth while parsing, so a
// 1,000-deep expression fails at its 33rd level without deep recursion.
#pragma once

#include <string_view>
#include <vector>

#include "query/ast.h"

namespace kf::query {

Result<NodePtr> parse_condition(std::string_view text);               // $where, $having
Result<std::vector<SelectItem>> parse_select(std::string_view text);  // $select
Result<std::vector<OrderItem>> parse_order(std::string_view text);    // $order
Result<std::vector<NodePtr>> parse_group(std::string_view text);      // $group

}  // namespace kf::query
