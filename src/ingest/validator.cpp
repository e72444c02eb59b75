#include "ingest/validator.h"

#include <re2/re2.h>

#include <algorithm>
#include <ctime>
#include <functional>
#include <unordered_map>

#include "core/id_number.h"
#include "ingest/key_set.h"
#include "ingest/uscc.h"
#include "ingest/values.h"

namespace kf::ingest {

using core::Field;
using core::FieldCheck;
using core::FieldType;

namespace {

// A value worth showing in a reason: at most 40 characters, never of sensitive fields.
std::string shown(bool sensitive, std::string_view v) {
  if (sensitive) return "值";
  std::size_t i = 0, chars = 0;
  while (i < v.size() && chars < 40) {
    ++i, ++chars;
    while (i < v.size() && (static_cast<unsigned char>(v[i]) & 0xC0) == 0x80) ++i;
  }
  return "值「" + std::string(v.substr(0, i)) + (i < v.size() ? "…" : "") + "」";
}

std::string join(const std::vector<std::string>& items, std::size_t max_items) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < max_items; ++i) out += (i ? "、" : "") + items[i];
  if (items.size() > max_items) out += "等";
  return out;
}

core::BirthDate today_in_china() {
  const std::time_t now = std::time(nullptr) + std::time_t{28800};  // UTC+8
  std::tm tm{};
  gmtime_r(&now, &tm);
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

// The canonical form of `v` for the field's type, or nullopt if it does not parse.
std::optional<std::string> canonical(FieldType t, std::string_view v) {
  switch (t) {
    case FieldType::integer: {
      auto i = parse_integer(v);
      return i ? std::optional(std::to_string(*i)) : std::nullopt;
    }
    case FieldType::decimal:
      return parse_decimal(v);
    case FieldType::boolean: {
      auto b = parse_boolean(v);
      return b ? std::optional<std::string>(*b ? "true" : "false") : std::nullopt;
    }
    case FieldType::date:
      return parse_date(v);
    case FieldType::datetime:
      return parse_datetime(v);
    case FieldType::text:
      return std::string(v);
  }
  return std::nullopt;
}

std::string_view type_error(FieldType t) {
  switch (t) {
    case FieldType::integer:
      return "不是有效的整数（或超出范围）";
    case FieldType::decimal:
      return "不是有效的数值";
    case FieldType::boolean:
      return "不是有效的布尔值（应为 是/否、true/false 或 1/0）";
    case FieldType::date:
      return "不是有效的日期（应为 YYYY-MM-DD）";
    case FieldType::datetime:
      return "不是有效的日期时间（应为 YYYY-MM-DD HH:MM:SS）";
    case FieldType::text:
      break;
  }
  return "";
}

}  // namespace

namespace {

// One header column's field and its compiled rules.
struct Column {
  std::size_t field = 0;
  std::string name;
  bool sensitive = false;
  std::unique_ptr<RE2> re;
  std::vector<std::string> allowed;     // canonical
  std::optional<std::string> min, max;  // canonical, for date / datetime
  std::optional<double> dmin, dmax;     // decimal
  std::optional<std::int64_t> imin, imax;
};

}  // namespace

struct RowValidator::Impl {
  std::vector<Field> fields;
  std::vector<Column> columns;  // in header order
  std::vector<std::size_t> column_fields;
  std::vector<std::size_t> key_columns;
  detail::KeySet keys;
  std::int64_t rows = 0;
  core::BirthDate today;
  std::string key_buf;
};

RowValidator::RowValidator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RowValidator::RowValidator(RowValidator&&) noexcept = default;
RowValidator& RowValidator::operator=(RowValidator&&) noexcept = default;
RowValidator::~RowValidator() = default;

const std::vector<std::size_t>& RowValidator::column_fields() const { return impl_->column_fields; }
const std::vector<Field>& RowValidator::fields() const { return impl_->fields; }
std::int64_t RowValidator::rows_checked() const { return impl_->rows; }

namespace {

// Compiles one field's rules into `c`.
Result<void> compile(const Field& f, Column& c);

}  // namespace

Result<RowValidator> RowValidator::create(std::vector<Field> fields,
                                          const std::vector<std::string>& header) {
  auto impl = std::make_unique<Impl>();
  for (const Field& f : fields) KF_TRY(core::check_field(f));
  std::unordered_map<std::string_view, std::size_t> by_name, by_label;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (!by_name.emplace(fields[i].name, i).second) {
      return Error::invalid("数据字典中的字段名「" + fields[i].name + "」重复", "fields");
    }
    if (!fields[i].label.empty()) by_label.emplace(fields[i].label, i);
  }
  std::vector<std::string> extra;
  std::vector<int> used(fields.size(), -1);
  for (std::size_t col = 0; col < header.size(); ++col) {
    auto it = by_name.find(header[col]);
    if (it == by_name.end()) {
      it = by_label.find(header[col]);
      if (it == by_label.end()) {
        extra.push_back("「" + header[col] + "」");
        continue;
      }
    }
    const std::size_t fi = it->second;
    if (used[fi] >= 0) {
      return Error::invalid("文件中的列「" + header[static_cast<std::size_t>(used[fi])] + "」和「" +
                                header[col] + "」对应同一个字段「" + fields[fi].name + "」",
                            "file");
    }
    used[fi] = static_cast<int>(col);
  }
  if (!extra.empty()) {
    return Error::invalid("文件中有数据字典之外的列：" + join(extra, 20) +
                              "。请删除这些列，或先在数据字典中添加对应字段",
                          "file");
  }
  std::vector<std::string> missing;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (used[i] < 0 && (!fields[i].nullable || fields[i].key)) {
      const Field& f = fields[i];
      missing.push_back("「" + f.name +
                        (f.label.empty() || f.label == f.name ? "" : "（" + f.label + "）") + "」");
    }
  }
  if (!missing.empty()) {
    return Error::invalid("文件缺少必填的列：" + join(missing, 20), "file");
  }
  impl->columns.resize(header.size());
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (used[i] < 0) continue;
    auto& c = impl->columns[static_cast<std::size_t>(used[i])];
    c.field = i;
    c.name = header[static_cast<std::size_t>(used[i])];
    KF_TRY(compile(fields[i], c));
    if (fields[i].key) impl->key_columns.push_back(static_cast<std::size_t>(used[i]));
  }
  for (const auto& c : impl->columns) impl->column_fields.push_back(c.field);
  impl->fields = std::move(fields);
  impl->today = today_in_china();
  return RowValidator(std::move(impl));
}

namespace {

Result<void> compile(const Field& f, Column& c) {
  const std::string who = "字段「" + f.name + "」";
  c.sensitive = f.security_grade >= "L3" || f.check == FieldCheck::id_number;
  if (!f.pattern.empty()) {
    RE2::Options opt;
    opt.set_log_errors(false);
    c.re = std::make_unique<RE2>(f.pattern, opt);
    if (!c.re->ok()) {
      return Error::invalid(who + "的格式（正则表达式）无效：" + c.re->error(), "fields");
    }
  }
  for (const auto& a : f.allowed_values) {
    auto v = canonical(f.type, a);
    if (!v)
      return Error::invalid(who + "的允许值「" + a + "」" + std::string(type_error(f.type)),
                            "fields");
    c.allowed.push_back(std::move(*v));
  }
  if (!f.min && !f.max) return kf::ok();
  if (f.type == FieldType::text || f.type == FieldType::boolean) {
    return Error::invalid(
        who + "是 " + std::string(core::to_string(f.type)) + " 类型，不能设置最小值或最大值",
        "fields");
  }
  for (int side = 0; side < 2; ++side) {
    const auto& bound = side == 0 ? f.min : f.max;
    if (!bound) continue;
    const std::string what = side == 0 ? "最小值" : "最大值";
    auto v = canonical(f.type, *bound);
    if (!v) return Error::invalid(who + "的" + what + std::string(type_error(f.type)), "fields");
    if (f.type == FieldType::integer) {
      (side == 0 ? c.imin : c.imax) = parse_integer(*v);
    } else if (f.type == FieldType::decimal) {
      (side == 0 ? c.dmin : c.dmax) = decimal_value(*v);
    } else {
      (side == 0 ? c.min : c.max) = *v;
    }
  }
  return kf::ok();
}

}  // namespace

std::vector<Violation> RowValidator::check(const Record& row) { return run(row, nullptr); }

std::vector<Violation> RowValidator::check_and_normalize(Record& row) { return run(row, &row); }

std::vector<Violation> RowValidator::run(const Record& row, Record* normalize_into) {
  Impl& m = *impl_;
  const std::int64_t row_no = ++m.rows;
  std::vector<Violation> out;
  if (row.size() != m.columns.size()) {
    out.push_back({"", "该行有 " + std::to_string(row.size()) + " 列，与表头的 " +
                           std::to_string(m.columns.size()) + " 列不一致"});
    return out;
  }
  std::string canon;
  bool key_null = false;
  m.key_buf.clear();
  std::vector<std::pair<std::size_t, std::string>> rewrites;
  for (std::size_t col = 0; col < row.size(); ++col) {
    const auto& c = m.columns[col];
    const Field& f = m.fields[c.field];
    const bool is_key = f.key;
    auto bad = [&](std::string reason) { out.push_back({c.name, std::move(reason)}); };
    const auto& cell = row[col];
    if (!cell || cell->empty()) {
      if (!f.nullable) bad("不能为空");
      key_null = key_null || is_key;
      continue;
    }
    std::string_view v = *cell;
    if (f.type != FieldType::text) {
      auto cv = canonical(f.type, v);
      if (!cv) {
        bad(shown(c.sensitive, v) + std::string(type_error(f.type)));
        continue;
      }
      canon = std::move(*cv);
      if (normalize_into && canon != v) rewrites.emplace_back(col, canon);
      v = canon;
    }
    if (f.length) {
      const bool numeric = f.type == FieldType::integer || f.type == FieldType::decimal;
      const std::size_t len = numeric                     ? digit_count(v)
                              : f.type == FieldType::text ? utf8_length(v)
                                                          : 0;
      if (len > static_cast<std::size_t>(*f.length)) {
        bad(numeric ? "位数为 " + std::to_string(len) + "，超过上限 " + std::to_string(*f.length) +
                          " 位"
                    : "长度为 " + std::to_string(len) + " 个字符，超过上限 " +
                          std::to_string(*f.length) + " 个字符");
      }
    }
    if (!c.allowed.empty() && std::find(c.allowed.begin(), c.allowed.end(), v) == c.allowed.end()) {
      bad(shown(c.sensitive, v) + "不在允许的取值范围内（" + join(f.allowed_values, 10) + "）");
    }
    if (c.re && !RE2::FullMatch(re2::StringPiece(v.data(), v.size()), *c.re)) {
      bad(shown(c.sensitive, v) + "不符合规定的格式");
    }
    if (f.type == FieldType::integer && (c.imin || c.imax)) {
      const std::int64_t x = *parse_integer(v);
      if (c.imin && x < *c.imin) bad(shown(c.sensitive, v) + "小于最小值 " + *f.min);
      if (c.imax && x > *c.imax) bad(shown(c.sensitive, v) + "大于最大值 " + *f.max);
    } else if (f.type == FieldType::decimal && (c.dmin || c.dmax)) {
      const auto x = decimal_value(v);
      if (!x) {
        bad(shown(c.sensitive, v) + "超出数值范围");
      } else {
        if (c.dmin && *x < *c.dmin) bad(shown(c.sensitive, v) + "小于最小值 " + *f.min);
        if (c.dmax && *x > *c.dmax) bad(shown(c.sensitive, v) + "大于最大值 " + *f.max);
      }
    } else if (c.min || c.max) {  // ISO dates compare as text
      if (c.min && v < *c.min) bad(shown(c.sensitive, v) + "早于最小值 " + *f.min);
      if (c.max && v > *c.max) bad(shown(c.sensitive, v) + "晚于最大值 " + *f.max);
    }
    if (f.check == FieldCheck::id_number) {
      auto r = core::check_id_number(v, m.today);
      if (!r) bad(r.error().message);
    } else if (f.check == FieldCheck::uscc) {
      auto r = check_uscc(v);
      if (!r) bad(r.error().message);
    }
  }
  // The key, in dictionary order of its columns, length-prefixed so that ("ab","c") ≠ ("a","bc").
  if (!m.key_columns.empty() && !key_null) {
    for (std::size_t col : m.key_columns) {
      const Field& f = m.fields[m.columns[col].field];
      std::string_view v = *row[col];
      std::optional<std::string> cv;
      if (f.type != FieldType::text && (cv = canonical(f.type, v))) v = *cv;
      m.key_buf += std::to_string(v.size());
      m.key_buf += ':';
      m.key_buf += v;
    }
    const std::uint64_t h = std::hash<std::string_view>{}(m.key_buf);
    if (const std::int64_t first = m.keys.insert(h, row_no); first != 0) {
      std::vector<std::string> names;
      for (std::size_t col : m.key_columns) names.push_back(m.columns[col].name);
      out.push_back({names.size() == 1 ? names[0] : "", "主键（" + join(names, 10) + "）与第 " +
                                                            std::to_string(first) + " 条记录重复"});
    }
  }
  if (normalize_into && out.empty()) {
    for (auto& [col, text] : rewrites) (*normalize_into)[col] = std::move(text);
  }
  return out;
}

}  // namespace kf::ingest
