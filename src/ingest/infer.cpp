#include "ingest/infer.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/id_number.h"
#include "ingest/uscc.h"
#include "ingest/values.h"

namespace kf::ingest {

using core::FieldType;

namespace {

constexpr std::size_t kMaxNumberDigits = 15;  // beyond: an identifier, and past double precision

bool leading_zero(std::string_view v) {
  if (v.starts_with('-') || v.starts_with('+')) v.remove_prefix(1);
  return v.size() > 1 && v[0] == '0' && v[1] >= '0' && v[1] <= '9';
}

// 11 digits, 1 then 3–9: a mainland mobile number (GB/T 13485 numbering plan).
bool mobile_number(std::string_view v) {
  if (v.size() != 11 || v[0] != '1' || v[1] < '3' || v[1] > '9') return false;
  return std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A value written like a number that is an identifier: kept as text with its digits.
bool code_like(std::string_view raw) {
  const std::string_view v = trim_value(raw);
  return leading_zero(v) || v.starts_with('+') || digit_count(v) > kMaxNumberDigits || mobile_number(v);
}

}  // namespace

int TypeInferer::text_length(std::size_t longest) {
  const std::size_t want = std::max(longest + 10, (longest * 3 + 1) / 2);
  const std::size_t rounded = (want + 9) / 10 * 10;
  return static_cast<int>(std::min<std::size_t>(rounded, 1 << 30));
}

void TypeInferer::add(const Record& row) {
  ++rows_;
  if (cols_.size() < row.size()) cols_.resize(row.size());
  for (std::size_t i = 0; i < cols_.size(); ++i) {
    Column& c = cols_[i];
    if (i >= row.size() || !row[i] || row[i]->empty()) {
      c.null_seen = true;
      continue;
    }
    const std::string_view v = *row[i];
    ++c.values;
    c.max_len = std::max(c.max_len, utf8_length(v));
    const bool code = code_like(v);
    if (c.id_number) c.id_number = core::check_id_number(trim_value(v)).ok();
    if (c.uscc) c.uscc = check_uscc(trim_value(v)).ok();
    if (c.integer) c.integer = !code && parse_integer(v).has_value();
    if (c.decimal) c.decimal = !code && parse_decimal(v).has_value();
    if (c.boolean) {
      c.boolean = parse_boolean(v).has_value();
      const auto t = trim_value(v);
      if (c.boolean && t != "0" && t != "1") c.bool_word = true;
    }
    // Dates: one bad value is tolerated (and remembered by row); a second ends the candidacy.
    if (c.date_fails < 2 && !parse_date(v).has_value() && ++c.date_fails == 1) c.date_bad_row = rows_;
    if (c.datetime_fails < 2 && !parse_datetime(v).has_value() && ++c.datetime_fails == 1) c.datetime_bad_row = rows_;
  }
}

TypeInferer::Kind TypeInferer::kind_of(const Column& c) {
  const bool enough = c.values - 1 >= kMinValuesBesideBad;
  if (c.values == 0) return Kind::empty;
  if (c.id_number) return Kind::id_number;
  if (c.uscc) return Kind::uscc;
  if (c.boolean && c.bool_word) return Kind::boolean;
  if (c.integer) return Kind::integer;
  if (c.decimal) return Kind::decimal;
  if (c.date_fails == 0) return Kind::date;
  if (c.datetime_fails == 0) return Kind::datetime;
  if (c.date_fails == 1 && enough) return Kind::date_one_bad;
  if (c.datetime_fails == 1 && enough) return Kind::datetime_one_bad;
  return Kind::text;
}

std::vector<core::Field> TypeInferer::propose(const std::vector<std::string>& header) const {
  std::vector<core::Field> out;
  out.reserve(header.size());
  for (std::size_t i = 0; i < header.size(); ++i) {
    core::Field f;
    f.name = f.label = header[i];
    const Column c = i < cols_.size() ? cols_[i] : Column{};
    f.nullable = c.null_seen || c.values == 0 || i >= cols_.size();
    switch (kind_of(c)) {
      case Kind::empty: f.type = FieldType::text; break;
      case Kind::id_number:
        f.check = core::FieldCheck::id_number;
        f.length = 18;
        f.security_grade = "L3";
        break;
      case Kind::uscc:
        f.check = core::FieldCheck::uscc;
        f.length = 18;
        break;
      case Kind::boolean: f.type = FieldType::boolean; break;
      case Kind::integer: f.type = FieldType::integer; break;
      case Kind::decimal: f.type = FieldType::decimal; break;
      case Kind::date:
      case Kind::date_one_bad: f.type = FieldType::date; break;
      case Kind::datetime:
      case Kind::datetime_one_bad: f.type = FieldType::datetime; break;
      case Kind::text: f.length = text_length(c.max_len); break;
    }
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<InferenceNote> TypeInferer::notes(const std::vector<std::string>& header) const {
  std::vector<InferenceNote> out;
  for (std::size_t i = 0; i < header.size() && i < cols_.size(); ++i) {
    const Column& c = cols_[i];
    const Kind k = kind_of(c);
    if (k != Kind::date_one_bad && k != Kind::datetime_one_bad) continue;
    const bool date = k == Kind::date_one_bad;
    const std::int64_t row = date ? c.date_bad_row : c.datetime_bad_row;
    const char* what = date ? "日期" : "日期时间";
    out.push_back({header[i], row,
                   fmt::format("字段「{}」第 {} 行的值不是有效{}，其余 {} 个值都是{}：已按{}推断；导入时该行会被拒绝"
                               "（或按“保留有效行”隔离），请在文件中更正后再导入",
                               header[i], row, what, c.values - 1, what, what)});
  }
  return out;
}

}  // namespace kf::ingest
