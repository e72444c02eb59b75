// compile(): parses each parameter, analyzes the trees against the dictionary, and assembles
// the SELECT and its COUNT companion. Each clause is written into its own fragment with its
// own parameters, so the two statements can share them in the right order.
#include <fmt/format.h>

#include <charconv>
#include <limits>

#include "query/analyzer.h"
#include "query/parser.h"
#include "query/query.h"
#include "query/sqlgen.h"

namespace kf::query {
namespace {

struct Fragment {
  std::string sql;
  std::vector<db::Value> params;
};

void append(std::vector<db::Value>& to, const std::vector<db::Value>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

// Prefixes the position of an error with the parameter it came from ("$where:17").
template <typename T>
Result<T> in_param(Result<T> r, std::string_view param) {
  if (r) return r;
  Error e = std::move(r).error();
  if (e.slug == "invalid_query")
    e.field = std::string(param) + ":" + (e.field.empty() ? "1" : e.field);
  return e;
}

Result<void> check_length(const std::string& text, std::string_view param,
                          const CompileOptions& o) {
  if (text.size() <= o.max_param_bytes) return ok();
  Error e = query_error(fmt::format("{} 过长（最多 {} 字节）", param, o.max_param_bytes), 1);
  e.field = std::string(param) + ":1";
  return e;
}

Result<std::int64_t> parse_count(const std::optional<std::string>& text, std::string_view param,
                                 std::int64_t fallback, std::int64_t max) {
  if (!text || text->empty()) return fallback;
  std::int64_t v = -1;
  const char* end = text->data() + text->size();
  auto [p, ec] = std::from_chars(text->data(), end, v);
  if (ec != std::errc() || p != end || v < 0 || v > max) {
    Error e = query_error(fmt::format("{} 必须是 0 到 {} 之间的整数", param, max), 1);
    e.field = std::string(param) + ":1";
    return e;
  }
  return v;
}

// A ?column=value filter: the value is read as the column's type, like ingestion would.
Result<Fragment> equality(const std::string& name, const std::string& raw,
                          const std::vector<core::Field>& fields, db::Dialect d) {
  Fragment f;
  SqlWriter w(d, f.params);
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name != name) continue;
    auto bad = [&](std::string_view what) {
      Error e = query_error(fmt::format("“{}”不是有效的{}", raw, what), 1);
      e.field = name + ":1";
      return e;
    };
    db::Value v = raw;
    switch (fields[i].type) {
      case core::FieldType::integer: {
        std::int64_t n = 0;
        auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), n);
        if (ec != std::errc() || p != raw.data() + raw.size()) return bad("整数");
        v = n;
        break;
      }
      case core::FieldType::decimal: {
        double x = 0;
        auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), x);
        if (ec != std::errc() || p != raw.data() + raw.size()) return bad("小数");
        v = x;
        break;
      }
      case core::FieldType::boolean:
        if (raw != "true" && raw != "false") return bad("布尔值（true / false）");
        v = std::int64_t{raw == "true" ? 1 : 0};
        break;
      default:
        break;  // dates, datetimes and text compare as canonical text
    }
    f.sql = "(" + quoted_column(i) + " = " + w.bind(std::move(v)) + ")";
    return f;
  }
  Error e = query_error(fmt::format("未知的列“{}”", name), 1);
  e.field = name + ":1";
  return e;
}

// $q: case-insensitive substring search over every text column. instr/strpos rather than
// LIKE so that % and _ typed by the user are plain characters.
Fragment full_text(const std::string& q, const std::vector<core::Field>& fields, db::Dialect d) {
  Fragment f;
  SqlWriter w(d, f.params);
  const char* fn = d == db::Dialect::sqlite ? "instr(" : "strpos(";
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].type != core::FieldType::text) continue;
    if (!f.sql.empty()) f.sql += " OR ";
    f.sql += std::string(fn) + "lower(" + quoted_column(i) + "), lower(" + w.bind(q) + ")) > 0";
  }
  f.sql = f.sql.empty() ? "(1 = 0)" : "(" + f.sql + ")";
  return f;
}

class Compiler {
 public:
  Compiler(const QueryParams& p, const std::vector<core::Field>& fields, db::Dialect d,
           const CompileOptions& o)
      : p_(p), fields_(fields), d_(d), o_(o) {}

  Result<CompiledQuery> run(const std::string& table) {
    for (const auto& [name, text] :
         {std::pair<const char*, const std::string*>{"$select", &p_.select},
          {"$where", &p_.where},
          {"$order", &p_.order},
          {"$group", &p_.group},
          {"$having", &p_.having},
          {"$q", &p_.q}}) {
      KF_TRY(check_length(*text, name, o_));
    }
    KF_TRY(select());
    KF_ASSIGN(Fragment where, where_clause());
    KF_ASSIGN(Fragment group, group_clause());
    KF_ASSIGN(Fragment having, having_clause());
    KF_ASSIGN(Fragment order, order_clause());
    KF_ASSIGN(std::int64_t limit, parse_count(p_.limit, "$limit", o_.default_limit, o_.max_limit));
    KF_ASSIGN(std::int64_t offset,
              parse_count(p_.offset, "$offset", 0, std::numeric_limits<std::int64_t>::max()));

    CompiledQuery out;
    out.columns = columns_;
    std::string tail = " FROM " + table + where.sql + group.sql + having.sql;
    out.sql = "SELECT " + select_sql_.sql + tail + order.sql + " LIMIT ? OFFSET ?";
    append(out.params, select_sql_.params);
    for (const Fragment* f : {&where, &group, &having, &order}) append(out.params, f->params);
    out.params.emplace_back(limit);
    out.params.emplace_back(offset);
    // Grouped or aggregated: count the groups (an aggregate without $group is one row). The
    // inner select keeps the select list because $group may name its items by ordinal.
    if (grouped_) {
      out.count_sql = "SELECT COUNT(*) FROM (SELECT " + select_sql_.sql + tail + ") AS g";
      append(out.count_params, select_sql_.params);
    } else {
      out.count_sql = "SELECT COUNT(*)" + tail;
    }
    for (const Fragment* f : {&where, &group, &having}) append(out.count_params, f->params);
    return out;
  }

 private:
  Result<void> select() {
    SqlWriter w(d_, select_sql_.params);
    if (p_.select.empty()) {  // all fields, in dictionary order
      for (std::size_t i = 0; i < fields_.size(); ++i) {
        select_sql_.sql += (i ? ", " : "") + quoted_column(i);
        columns_.push_back({fields_[i].name, fields_[i].type});
      }
      return ok();
    }
    KF_ASSIGN(items_, in_param(parse_select(p_.select), "$select"));
    for (std::size_t i = 0; i < items_.size(); ++i) {
      SelectItem& item = items_[i];
      KF_TRY(in_param(analyze(*item.expr, {fields_, nullptr, Clause::select}), "$select"));
      grouped_ = grouped_ || item.expr->aggregate;
      std::string name = !item.alias.empty()                   ? item.alias
                         : item.expr->kind == NodeKind::column ? fields_[item.expr->field].name
                                                               : item.source;
      columns_.push_back({std::move(name), output_type(item.expr->type)});
      select_sql_.sql += (i ? ", " : "") + w.value(*item.expr);
    }
    return ok();
  }

  Result<Fragment> where_clause() {
    std::vector<Fragment> parts;
    for (const auto& [name, value] : p_.equals) {
      KF_ASSIGN(Fragment f, equality(name, value, fields_, d_));
      parts.push_back(std::move(f));
    }
    if (!p_.q.empty()) parts.push_back(full_text(p_.q, fields_, d_));
    if (!p_.where.empty()) {
      KF_ASSIGN(NodePtr tree, in_param(parse_condition(p_.where), "$where"));
      KF_TRY(in_param(analyze(*tree, {fields_, nullptr, Clause::where}), "$where"));
      KF_TRY(in_param(require_condition(*tree), "$where"));
      Fragment f;
      f.sql = SqlWriter(d_, f.params).condition(*tree);
      parts.push_back(std::move(f));
    }
    Fragment out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      out.sql += (i ? " AND " : " WHERE ") + parts[i].sql;
      append(out.params, parts[i].params);
    }
    return out;
  }

  Result<Fragment> group_clause() {
    Fragment out;
    if (!p_.group.empty()) {
      KF_ASSIGN(group_, in_param(parse_group(p_.group), "$group"));
      SqlWriter w(d_, out.params);
      for (std::size_t i = 0; i < group_.size(); ++i) {
        KF_TRY(in_param(analyze(*group_[i], {fields_, &items_, Clause::group}), "$group"));
        // A select item is grouped by its ordinal: on PostgreSQL the same expression written
        // twice has different parameters ($1 vs $3) and would not count as the same.
        const int ordinal = select_ordinal(*group_[i]);
        out.sql +=
            (i ? ", " : " GROUP BY ") + (ordinal ? std::to_string(ordinal) : w.value(*group_[i]));
      }
      grouped_ = true;
    }
    if (grouped_) {
      for (const auto& item : items_)
        KF_TRY(in_param(check_grouped(*item.expr, group_, fields_), "$select"));
    }
    return out;
  }

  Result<Fragment> having_clause() {
    Fragment out;
    if (p_.having.empty()) return out;
    KF_ASSIGN(NodePtr tree, in_param(parse_condition(p_.having), "$having"));
    KF_TRY(in_param(analyze(*tree, {fields_, &items_, Clause::having}), "$having"));
    KF_TRY(in_param(require_condition(*tree), "$having"));
    if (!grouped_ && !tree->aggregate) {
      return in_param<Fragment>(query_error("$having 需要 $group 或聚合函数", 1), "$having");
    }
    if (!grouped_) {  // an aggregate $having makes the whole query aggregated
      grouped_ = true;
      for (const auto& item : items_)
        KF_TRY(in_param(check_grouped(*item.expr, group_, fields_), "$select"));
    }
    KF_TRY(in_param(check_grouped(*tree, group_, fields_), "$having"));
    out.sql = " HAVING " + SqlWriter(d_, out.params).condition(*tree);
    return out;
  }

  Result<Fragment> order_clause() {
    Fragment out;
    if (p_.order.empty()) return out;
    KF_ASSIGN(std::vector<OrderItem> items, in_param(parse_order(p_.order), "$order"));
    SqlWriter w(d_, out.params);
    for (std::size_t i = 0; i < items.size(); ++i) {
      Node& e = *items[i].expr;
      KF_TRY(in_param(analyze(e, {fields_, &items_, Clause::order}), "$order"));
      if (e.aggregate && !grouped_) {
        return in_param<Fragment>(query_error("按聚合函数排序需要 $group 或聚合的 $select", e.pos),
                                  "$order");
      }
      if (grouped_) KF_TRY(in_param(check_grouped(e, group_, fields_), "$order"));
      // NULLs last in both directions on both databases (their defaults differ; SQLite has
      // NULLS LAST since 3.30). Select items by ordinal, for the reason given in $group, but
      // text in the "C" collation (an ordinal would sort in the database's collation).
      const bool text_like = w.collated("x", e.type) != "x";
      const int ordinal = text_like ? 0 : select_ordinal(e);
      out.sql += (i ? ", " : " ORDER BY ") +
                 (ordinal ? std::to_string(ordinal) : w.collated(w.value(e), e.type)) +
                 (items[i].descending ? " DESC NULLS LAST" : " ASC NULLS LAST");
    }
    return out;
  }

  // 1-based position of the select item that is the same expression as `e`, or 0.
  int select_ordinal(const Node& e) const {
    const std::string k = expression_key(e);
    for (std::size_t i = 0; i < items_.size(); ++i) {
      if (expression_key(*items_[i].expr) == k) return static_cast<int>(i + 1);
    }
    return 0;
  }

  const QueryParams& p_;
  const std::vector<core::Field>& fields_;
  db::Dialect d_;
  const CompileOptions& o_;
  std::vector<SelectItem> items_;
  std::vector<NodePtr> group_;
  std::vector<OutputColumn> columns_;
  Fragment select_sql_;
  bool grouped_ = false;
};

}  // namespace

Result<CompiledQuery> compile(const QueryParams& params, const std::vector<core::Field>& fields,
                              db::Dialect dialect, const std::string& table,
                              const CompileOptions& options) {
  return Compiler(params, fields, dialect, options).run(table);
}

}  // namespace kf::query
