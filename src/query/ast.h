// The syntax tree of one query: what the parser produces, the analyzer annotates (column
// indexes, types) and the SQL generator reads. Internal to the query module.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/dictionary.h"
#include "core/error.h"

namespace kf::query {

// Hard limits that protect the parser, the analyzer and the database.
inline constexpr int kMaxDepth = 32;  // nesting of expressions
inline constexpr std::size_t kMaxSelectItems = 200;

enum class NodeKind {
  integer_literal,  // text = digits
  decimal_literal,  // text = the number as written
  string_literal,   // text = the value (quotes removed, '' unescaped)
  bool_literal,     // text = "true" | "false"
  column,           // text = name as written; resolved to field or alias
  star,             // only inside count(*)
  negate,           // -a
  arithmetic,       // text = + - * /; args = {a, b}
  compare,          // text = = != < <= > >=; args = {a, b}
  logical_and,      // args = n >= 2 operands (flattened so long chains stay shallow)
  logical_or,
  logical_not,  // args = {a}
  in_list,      // args = {a, items...}; negated
  between,      // args = {a, low, high}; negated
  like,         // args = {a, pattern}; negated
  is_null,      // args = {a}; negated
  call,         // text = lower-case function name; args; distinct for count(distinct x)
};

// The type of a value as the analyzer sees it. `condition` is an SQL truth value (a
// comparison), distinct from a stored boolean column which is an integer 0/1.
enum class ValueType { integer, decimal, boolean, date, datetime, text, condition };

struct Node {
  NodeKind kind;
  int pos = 1;  // 1-based position (code points) in the parameter's text
  std::string text;
  std::vector<std::unique_ptr<Node>> args;
  bool negated = false;
  bool distinct = false;
  int height = 1;  // height of the subtree, checked against kMaxDepth

  // Filled by the analyzer.
  int field = -1;                      // dictionary index of a column reference
  const Node* alias_target = nullptr;  // a select item an ORDER/GROUP/HAVING name refers to
  ValueType type = ValueType::text;
  bool aggregate = false;  // this node is or contains an aggregate call
};

using NodePtr = std::unique_ptr<Node>;

struct SelectItem {
  NodePtr expr;
  std::string alias;   // empty: none
  std::string source;  // the item's text, used as its output name when there is no alias
};

struct OrderItem {
  NodePtr expr;
  bool descending = false;
};

// An invalid_query error at `pos` of the parameter being read. Internally Error::field holds
// just the position; compile() prefixes the parameter name ("$where:17", see README).
Error query_error(std::string message, int pos);

}  // namespace kf::query
