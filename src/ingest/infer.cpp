#include "ingest/infer.h"

#include "core/id_number.h"
#include "ingest/uscc.h"
#include "ingest/values.h"

namespace kf::ingest {

using core::FieldType;

namespace {

constexpr std::size_t kMaxNumberDigits = 15;  // beyond: an identifier, and past double precision

bool leading_zero(std::string_view v) {
  v = trim_value(v);
  if (v.starts_with('-') || v.starts_with('+')) v.remove_prefix(1);
  return v.size() > 1 && v[0] == '0' && v[1] >= '0' && v[1] <= '9';
}

}  // namespace

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
    const bool code_like = leading_zero(v) || digit_count(v) > kMaxNumberDigits;
    if (c.id_number) c.id_number = core::check_id_number(trim_value(v)).ok();
    if (c.uscc) c.uscc = check_uscc(trim_value(v)).ok();
    if (c.integer) c.integer = !code_like && parse_integer(v).has_value();
    if (c.decimal) c.decimal = !code_like && parse_decimal(v).has_value();
    if (c.boolean) {
      c.boolean = parse_boolean(v).has_value();
      const auto t = trim_value(v);
      if (c.boolean && t != "0" && t != "1") c.bool_word = true;
    }
    if (c.date) c.date = parse_date(v).has_value();
    if (c.datetime) c.datetime = parse_datetime(v).has_value();
  }
}

std::vector<core::Field> TypeInferer::propose(const std::vector<std::string>& header) const {
  std::vector<core::Field> out;
  out.reserve(header.size());
  for (std::size_t i = 0; i < header.size(); ++i) {
    core::Field f;
    f.name = f.label = header[i];
    const Column c = i < cols_.size() ? cols_[i] : Column{};
    f.nullable = c.null_seen || c.values == 0 || i >= cols_.size();
    if (c.values == 0) {
      f.type = FieldType::text;
    } else if (c.id_number) {
      f.check = core::FieldCheck::id_number;
      f.length = 18;
      f.security_grade = "L3";
    } else if (c.uscc) {
      f.check = core::FieldCheck::uscc;
      f.length = 18;
    } else if (c.boolean && c.bool_word) {
      f.type = FieldType::boolean;
    } else if (c.integer) {
      f.type = FieldType::integer;
    } else if (c.decimal) {
      f.type = FieldType::decimal;
    } else if (c.date) {
      f.type = FieldType::date;
    } else if (c.datetime) {
      f.type = FieldType::datetime;
    } else {
      f.length = static_cast<int>(std::min<std::size_t>(c.max_len, 1 << 30));
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace kf::ingest
