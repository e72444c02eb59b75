#include "query/analyzer.h"

#include <fmt/format.h>

#include <array>
#include <charconv>

namespace kf::query {
namespace {

std::string_view type_name(ValueType t) {
  switch (t) {
    case ValueType::integer:
      return "整数";
    case ValueType::decimal:
      return "小数";
    case ValueType::boolean:
      return "布尔值";
    case ValueType::date:
      return "日期";
    case ValueType::datetime:
      return "日期时间";
    case ValueType::text:
      return "文本";
    case ValueType::condition:
      return "条件";
  }
  return "?";
}

ValueType from_field(core::FieldType t) {
  switch (t) {
    case core::FieldType::integer:
      return ValueType::integer;
    case core::FieldType::decimal:
      return ValueType::decimal;
    case core::FieldType::boolean:
      return ValueType::boolean;
    case core::FieldType::date:
      return ValueType::date;
    case core::FieldType::datetime:
      return ValueType::datetime;
    case core::FieldType::text:
      return ValueType::text;
  }
  return ValueType::text;
}

bool is_truth(ValueType t) { return t == ValueType::condition || t == ValueType::boolean; }

bool digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Strict canonical date: YYYY-MM-DD, a real day. Dates are stored in this form, so text
// comparison orders them correctly.
bool is_canonical_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  if (!digits(s.substr(0, 4)) || !digits(s.substr(5, 2)) || !digits(s.substr(8, 2))) return false;
  const int y = to_int(s.substr(0, 4)), m = to_int(s.substr(5, 2)), d = to_int(s.substr(8, 2));
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= kDays.at(static_cast<std::size_t>(m - 1)) + (m == 2 && leap(y) ? 1 : 0);
}

// YYYY-MM-DDTHH:MM:SS (a date alone means midnight) → canonical text, or empty.
std::string canonical_datetime(std::string_view s) {
  if (s.size() == 10) return is_canonical_date(s) ? std::string(s) + "T00:00:00" : std::string();
  if (s.size() < 19 || !is_canonical_date(s.substr(0, 10)) || (s[10] != 'T' && s[10] != ' '))
    return {};
  if (s[13] != ':' || s[16] != ':' || !digits(s.substr(11, 2)) || !digits(s.substr(14, 2)) ||
      !digits(s.substr(17, 2))) {
    return {};
  }
  if (to_int(s.substr(11, 2)) > 23 || to_int(s.substr(14, 2)) > 59 || to_int(s.substr(17, 2)) > 59)
    return {};
  std::string out(s);
  out[10] = 'T';
  return out;
}

Error type_error(std::string msg, const Node& n) { return query_error(std::move(msg), n.pos); }

// Makes `lit` (a string literal) a date or datetime when the other side is one, so that
// `开通日期 > '2020-01-01'` works while `开通日期 > 'abc'` is refused.
Result<void> coerce_literal(Node& lit, ValueType want) {
  if (want == ValueType::date) {
    if (!is_canonical_date(lit.text)) {
      return type_error(fmt::format("“{}”不是有效的日期，应为 YYYY-MM-DD", lit.text), lit);
    }
  } else {
    std::string c = canonical_datetime(lit.text);
    if (c.empty()) {
      return type_error(fmt::format("“{}”不是有效的日期时间，应为 YYYY-MM-DDTHH:MM:SS", lit.text),
                        lit);
    }
    lit.text = std::move(c);
  }
  lit.type = want;
  return ok();
}

// Checks that `a` and `b` can be compared; may turn a string literal into a date.
Result<void> unify(Node& a, Node& b, const Node& at) {
  auto temporal = [](ValueType t) { return t == ValueType::date || t == ValueType::datetime; };
  if (is_numeric(a.type) && is_numeric(b.type)) return ok();
  if (is_truth(a.type) && is_truth(b.type)) return ok();
  if (a.type == b.type && a.type != ValueType::condition) return ok();
  if (temporal(a.type) && b.kind == NodeKind::string_literal) return coerce_literal(b, a.type);
  if (temporal(b.type) && a.kind == NodeKind::string_literal) return coerce_literal(a, b.type);
  return type_error(
      fmt::format("类型不匹配：不能将{}与{}比较", type_name(a.type), type_name(b.type)), at);
}

class Analyzer {
 public:
  explicit Analyzer(const Scope& s) : s_(s) {}

  Result<void> visit(Node& n, bool inside_aggregate) {
    switch (n.kind) {
      case NodeKind::integer_literal: {
        std::int64_t v = 0;
        auto [p, ec] = std::from_chars(n.text.data(), n.text.data() + n.text.size(), v);
        if (ec != std::errc() || p != n.text.data() + n.text.size())
          return type_error("整数超出范围", n);
        n.type = ValueType::integer;
        return ok();
      }
      case NodeKind::decimal_literal:
        n.type = ValueType::decimal;
        return ok();
      case NodeKind::string_literal:
        n.type = ValueType::text;
        return ok();
      case NodeKind::bool_literal:
        n.type = ValueType::boolean;
        return ok();
      case NodeKind::star:
        return type_error("“*”只能用在 count(*) 中", n);
      case NodeKind::column:
        return column(n);
      case NodeKind::call:
        return call(n, inside_aggregate);
      default:
        break;
    }
    for (auto& a : n.args) {
      KF_TRY(visit(*a, inside_aggregate));
      n.aggregate = n.aggregate || a->aggregate;
    }
    return operator_node(n);
  }

 private:
  Result<void> column(Node& n) {
    // Aliases first: in $order / $group / $having a select alias shadows a field name.
    if (s_.select != nullptr && s_.clause != Clause::select && s_.clause != Clause::where) {
      for (const auto& item : *s_.select) {
        if (!item.alias.empty() && item.alias == n.text) {
          n.alias_target = item.expr.get();
          n.type = item.expr->type;
          n.aggregate = item.expr->aggregate;
          return ok();
        }
      }
    }
    for (std::size_t i = 0; i < s_.fields.size(); ++i) {
      if (s_.fields[i].name == n.text) {
        n.field = static_cast<int>(i);
        n.type = from_field(s_.fields[i].type);
        return ok();
      }
    }
    return type_error(fmt::format("未知的列“{}”", n.text), n);
  }

  Result<void> operator_node(Node& n) {
    auto arg = [&](std::size_t i) -> Node& { return *n.args[i]; };
    switch (n.kind) {
      case NodeKind::negate:
        if (!is_numeric(arg(0).type)) return type_error("负号只能用于数字", n);
        n.type = arg(0).type;
        return ok();
      case NodeKind::arithmetic:
        if (!is_numeric(arg(0).type) || !is_numeric(arg(1).type)) {
          return type_error(fmt::format("运算“{}”只能用于数字", n.text), n);
        }
        // Division is always decimal (7 / 2 = 3.5) on both databases.
        n.type =
            n.text != "/" && arg(0).type == ValueType::integer && arg(1).type == ValueType::integer
                ? ValueType::integer
                : ValueType::decimal;
        return ok();
      case NodeKind::compare:
        n.type = ValueType::condition;
        return unify(arg(0), arg(1), n);
      case NodeKind::logical_and:
      case NodeKind::logical_or:
      case NodeKind::logical_not:
        for (auto& a : n.args) {
          if (!is_truth(a->type)) return type_error("AND / OR / NOT 的操作数应为条件", *a);
        }
        n.type = ValueType::condition;
        return ok();
      case NodeKind::in_list:
      case NodeKind::between:
        for (std::size_t i = 1; i < n.args.size(); ++i) KF_TRY(unify(arg(0), arg(i), arg(i)));
        n.type = ValueType::condition;
        return ok();
      case NodeKind::like:
        if (arg(0).type != ValueType::text) {
          return type_error(fmt::format("LIKE 只能用于文本，不能用于{}", type_name(arg(0).type)),
                            n);
        }
        if (arg(1).kind != NodeKind::string_literal)
          return type_error("LIKE 的模式必须是字符串", arg(1));
        n.type = ValueType::condition;
        return ok();
      case NodeKind::is_null:
        n.type = ValueType::condition;
        return ok();
      default:
        return type_error("无法解析的表达式", n);
    }
  }

  Result<void> call(Node& n, bool inside_aggregate) {
    const std::string& f = n.text;
    const bool agg = f == "count" || f == "sum" || f == "avg" || f == "min" || f == "max";
    const bool known = agg || f == "date_trunc_y" || f == "date_trunc_ym" ||
                       f == "date_trunc_ymd" || f == "starts_with";
    if (!known) return type_error(fmt::format("未知的函数“{}”", f), n);
    if (agg) {
      if (s_.clause == Clause::where)
        return type_error("$where 中不能使用聚合函数，请使用 $having", n);
      if (s_.clause == Clause::group) return type_error("$group 中不能使用聚合函数", n);
      if (inside_aggregate) return type_error("聚合函数不能嵌套", n);
    }
    if (n.distinct && f != "count") return type_error("DISTINCT 只能用在 count 中", n);
    const std::size_t want = f == "starts_with" ? 2 : 1;
    if (n.args.size() != want) return type_error(fmt::format("函数 {} 需要 {} 个参数", f, want), n);
    if (n.args[0]->kind == NodeKind::star) {
      if (f != "count" || n.distinct) return type_error("“*”只能用在 count(*) 中", *n.args[0]);
    } else {
      for (auto& a : n.args) KF_TRY(visit(*a, inside_aggregate || agg));
    }
    n.aggregate = agg || n.args[0]->aggregate;
    const ValueType t = n.args[0]->type;
    if (f == "count") {
      n.type = ValueType::integer;
    } else if (f == "sum" || f == "avg") {
      if (!is_numeric(t))
        return type_error(fmt::format("{} 只能用于数字，不能用于{}", f, type_name(t)), n);
      n.type = f == "avg" ? ValueType::decimal : t;
    } else if (f == "min" || f == "max") {
      if (t == ValueType::condition) return type_error(fmt::format("{} 不能用于条件", f), n);
      n.type = t;
    } else if (f == "starts_with") {
      if (t != ValueType::text) return type_error("starts_with 只能用于文本", n);
      if (n.args[1]->kind != NodeKind::string_literal)
        return type_error("starts_with 的第二个参数必须是字符串", *n.args[1]);
      n.type = ValueType::condition;
    } else {  // date_trunc_*
      if (t != ValueType::date && t != ValueType::datetime) {
        return type_error(fmt::format("{} 只能用于日期或日期时间", f), n);
      }
      n.type = ValueType::date;
    }
    return ok();
  }

  const Scope& s_;
};

// A structural key: equal keys mean the same expression (used to match $group).
std::string key(const Node& n) {
  if (n.alias_target != nullptr) return key(*n.alias_target);
  // Built with append only: GCC 12 -O3 reports a false -Wrestrict on "literal" + string.
  std::string k;
  if (n.kind == NodeKind::column) {
    k.append("f").append(std::to_string(n.field));
    return k;
  }
  k.append(std::to_string(static_cast<int>(n.kind))).append(":").append(n.text);
  k.append(n.negated ? "!" : "").append(n.distinct ? "d" : "").append("(");
  for (const auto& a : n.args) k.append(key(*a)).append(",");
  k.append(")");
  return k;
}

}  // namespace

std::string expression_key(const Node& n) { return key(n); }

bool is_numeric(ValueType t) { return t == ValueType::integer || t == ValueType::decimal; }

core::FieldType output_type(ValueType t) {
  switch (t) {
    case ValueType::integer:
      return core::FieldType::integer;
    case ValueType::decimal:
      return core::FieldType::decimal;
    case ValueType::date:
      return core::FieldType::date;
    case ValueType::datetime:
      return core::FieldType::datetime;
    case ValueType::text:
      return core::FieldType::text;
    case ValueType::boolean:
    case ValueType::condition:
      return core::FieldType::boolean;
  }
  return core::FieldType::text;
}

Result<void> analyze(Node& n, const Scope& scope) { return Analyzer(scope).visit(n, false); }

Result<void> require_condition(const Node& n) {
  if (is_truth(n.type)) return ok();
  return query_error("条件应为真假值（例如 列 = 值）", n.pos);
}

Result<void> check_grouped(const Node& n, const std::vector<NodePtr>& group,
                           const std::vector<core::Field>& fields) {
  const std::string k = key(n);
  for (const auto& g : group) {
    if (key(*g) == k) return ok();
  }
  if (n.alias_target != nullptr) return check_grouped(*n.alias_target, group, fields);
  if (n.kind == NodeKind::call && n.aggregate &&
      (n.text == "count" || n.text == "sum" || n.text == "avg" || n.text == "min" ||
       n.text == "max")) {
    return ok();
  }
  if (n.kind == NodeKind::column) {
    return query_error(
        fmt::format("列“{}”必须出现在 $group 中，或放在聚合函数里", fields[n.field].name), n.pos);
  }
  for (const auto& a : n.args) KF_TRY(check_grouped(*a, group, fields));
  return ok();
}

}  // namespace kf::query
