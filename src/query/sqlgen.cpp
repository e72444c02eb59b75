#include "query/sqlgen.h"

#include <charconv>

namespace kf::query {

std::string quoted_column(std::size_t i) { return "\"c" + std::to_string(i) + "\""; }

namespace {

bool is_condition_node(const Node& n) { return n.type == ValueType::condition; }

// LIKE is case-sensitive on both databases. SQLite's LIKE folds ASCII case (and the pragma
// that changes it is connection-wide), so on SQLite the pattern is translated to GLOB, which
// is case-sensitive: % → *, _ → ?, and GLOB's own metacharacters are bracketed so the user
// can never write a character class.
std::string like_to_glob(std::string_view pattern) {
  std::string out;
  for (char c : pattern) {
    switch (c) {
      case '%':
        out += '*';
        break;
      case '_':
        out += '?';
        break;
      case '*':
        out += "[*]";
        break;
      case '?':
        out += "[?]";
        break;
      case '[':
        out += "[[]";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// PostgreSQL's LIKE treats backslash as its escape character; our language has no escape,
// so a backslash is doubled to mean itself.
std::string like_for_postgres(std::string_view pattern) {
  std::string out;
  for (char c : pattern) {
    if (c == '\\') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::string SqlWriter::bind(db::Value v) {
  const char* cast = std::holds_alternative<std::int64_t>(v) ? "BIGINT"
                     : std::holds_alternative<double>(v)     ? "DOUBLE PRECISION"
                                                             : "TEXT";
  params_.push_back(std::move(v));
  if (d_ == db::Dialect::sqlite) return "?";
  return std::string("CAST(? AS ") + cast + ")";
}

std::string SqlWriter::collated(std::string sql, ValueType t) const {
  if (d_ != db::Dialect::postgres) return sql;
  if (t != ValueType::text && t != ValueType::date && t != ValueType::datetime) return sql;
  return "(" + sql + " COLLATE \"C\")";
}

std::string SqlWriter::value(const Node& n) {
  if (n.alias_target != nullptr) return value(*n.alias_target);
  switch (n.kind) {
    case NodeKind::integer_literal: {
      std::int64_t v = 0;
      std::from_chars(n.text.data(), n.text.data() + n.text.size(), v);  // checked by the analyzer
      return bind(v);
    }
    case NodeKind::decimal_literal: {
      double v = 0;
      std::from_chars(n.text.data(), n.text.data() + n.text.size(), v);
      return bind(v);
    }
    case NodeKind::string_literal:
      return bind(n.text);
    case NodeKind::bool_literal:
      return bind(std::int64_t{n.text == "true" ? 1 : 0});
    case NodeKind::column:
      return quoted_column(static_cast<std::size_t>(n.field));
    case NodeKind::negate:
      return "(-" + value(*n.args[0]) + ")";
    case NodeKind::arithmetic: {
      // Separate statements: the operands of + are unsequenced, and parameters must be
      // bound in the order their placeholders appear.
      const std::string a = value(*n.args[0]);
      const std::string b = value(*n.args[1]);
      if (n.text == "/") {
        // Always decimal division; division by zero is NULL on both (PostgreSQL would fail).
        const char* real = d_ == db::Dialect::sqlite ? "REAL" : "DOUBLE PRECISION";
        return "(CAST(" + a + " AS " + real + ") / NULLIF(" + b + ", 0))";
      }
      return "(" + a + " " + n.text + " " + b + ")";
    }
    case NodeKind::call:
      if (!is_condition_node(n)) return call(n);
      break;
    default:
      break;
  }
  // A condition used as a value: 0/1 like stored booleans (PostgreSQL has a real boolean).
  if (d_ == db::Dialect::sqlite) return "(" + condition(n) + ")";
  return "CAST(" + condition(n) + " AS INTEGER)";
}

std::string SqlWriter::call(const Node& n) {
  const std::string& f = n.text;
  const bool pg = d_ == db::Dialect::postgres;
  if (f == "count") {
    if (n.args[0]->kind == NodeKind::star) return "COUNT(*)";
    return std::string("COUNT(") + (n.distinct ? "DISTINCT " : "") + value(*n.args[0]) + ")";
  }
  const std::string arg = value(*n.args[0]);
  // PostgreSQL answers sum(bigint) and avg() as numeric; cast so both give the same types.
  if (f == "sum") {
    if (pg && n.type == ValueType::integer) return "CAST(SUM(" + arg + ") AS BIGINT)";
    return "SUM(" + arg + ")";
  }
  if (f == "avg") return pg ? "CAST(AVG(" + arg + ") AS DOUBLE PRECISION)" : "AVG(" + arg + ")";
  if (f == "min") return "MIN(" + collated(arg, n.type) + ")";
  if (f == "max") return "MAX(" + collated(arg, n.type) + ")";
  // date_trunc_*: dates and datetimes are canonical ISO text, so truncation is a prefix.
  const char* fn = pg ? "left(" : "substr(";
  const char* from = pg ? "" : "1, ";
  if (f == "date_trunc_y") return std::string("(") + fn + arg + ", " + from + "4) || '-01-01')";
  if (f == "date_trunc_ym") return std::string("(") + fn + arg + ", " + from + "7) || '-01')";
  return std::string(fn) + arg + ", " + from + "10)";  // date_trunc_ymd
}

std::string SqlWriter::like(const Node& n) {
  const std::string subject = value(*n.args[0]);
  const std::string& pattern = n.args[1]->text;
  const std::string op = n.negated ? " NOT " : " ";
  if (d_ == db::Dialect::sqlite)
    return "(" + subject + op + "GLOB " + bind(like_to_glob(pattern)) + ")";
  return "(" + subject + op + "LIKE " + bind(like_for_postgres(pattern)) + ")";
}

std::string SqlWriter::condition(const Node& n) {
  if (n.alias_target != nullptr) return condition(*n.alias_target);
  if (n.type != ValueType::condition) return "(" + value(n) + " = 1)";  // stored boolean
  std::string out;
  switch (n.kind) {
    case NodeKind::compare: {
      const std::string op = n.text == "!=" ? "<>" : n.text;
      std::string a = value(*n.args[0]);
      const std::string b = value(*n.args[1]);
      if (op != "=" && op != "<>") a = collated(std::move(a), n.args[0]->type);
      return "(" + a + " " + op + " " + b + ")";
    }
    case NodeKind::logical_and:
    case NodeKind::logical_or: {
      const char* op = n.kind == NodeKind::logical_and ? " AND " : " OR ";
      for (std::size_t i = 0; i < n.args.size(); ++i) out += (i ? op : "") + condition(*n.args[i]);
      return "(" + out + ")";
    }
    case NodeKind::logical_not:
      return "(NOT " + condition(*n.args[0]) + ")";
    case NodeKind::in_list: {
      out = "(" + value(*n.args[0]) + (n.negated ? " NOT IN (" : " IN (");
      for (std::size_t i = 1; i < n.args.size(); ++i)
        out += (i > 1 ? ", " : "") + value(*n.args[i]);
      return out + "))";
    }
    case NodeKind::between: {
      out = "(" + collated(value(*n.args[0]), n.args[0]->type) +
            (n.negated ? " NOT BETWEEN " : " BETWEEN ");
      out += value(*n.args[1]);
      return out + " AND " + value(*n.args[2]) + ")";
    }
    case NodeKind::like:
      return like(n);
    case NodeKind::is_null:
      return "(" + value(*n.args[0]) + (n.negated ? " IS NOT NULL)" : " IS NULL)");
    case NodeKind::call: {  // starts_with: a prefix test without wildcards
      const std::string subject = value(*n.args[0]);
      const char* fn = d_ == db::Dialect::sqlite ? "instr(" : "strpos(";
      return std::string("(") + fn + subject + ", " + bind(n.args[1]->text) + ") = 1)";
    }
    default:
      return "(1 = 0)";  // unreachable: the analyzer typed every condition
  }
}

}  // namespace kf::query
