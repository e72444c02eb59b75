// The value forms the platform accepts per dictionary type, and their canonical text. Shared by
// validation (is this a date?), inference (are all of these dates?) and storage (store
// 2024-01-05, whatever the file said).
//
// Accepted forms (surrounding blanks are ignored for every type but text):
//   integer   [+-]digits, within int64; a zero fraction ("12.00") is accepted   → "12"
//   decimal   [+-]digits[.digits][e[+-]digits], also ".5"                       → without "+"
//   boolean   true/false, t/f, yes/no, y/n, 1/0 (any case), 是/否, 真/假          → "true"/"false"
//   date      YYYY-M-D, YYYY/M/D, YYYY.M.D, YYYYMMDD, YYYY年M月D日 (a real date)  → "YYYY-MM-DD"
//   datetime  a date, then T or blanks, H:MM[:SS[.fraction]], then Z or ±HH[:]MM if any;
//             a date alone is midnight → "YYYY-MM-DDTHH:MM:SS[.fraction][Z|±HH:MM]"
//   text      anything (valid UTF-8 already), unchanged
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/dictionary.h"

namespace kf::ingest {

// Code points of valid UTF-8 (continuation bytes are not counted).
std::size_t utf8_length(std::string_view s);

// Without blanks (ASCII and U+3000) at both ends.
std::string_view trim_value(std::string_view s);

std::optional<std::int64_t> parse_integer(std::string_view s);
// Canonical text of a decimal ("+1.50" → "1.50"); nullopt if not a decimal.
std::optional<std::string> parse_decimal(std::string_view s);
std::optional<double> decimal_value(std::string_view s);
std::optional<bool> parse_boolean(std::string_view s);
std::optional<std::string> parse_date(std::string_view s);
std::optional<std::string> parse_datetime(std::string_view s);

// Number of digits of an integer or decimal (sign, point and exponent not counted), for the
// dictionary's length of numeric fields.
std::size_t digit_count(std::string_view s);

// The canonical text of `value` for the field's type; `value` unchanged (text fields, or a value
// that does not parse — validation reports those).
std::string normalize(const core::Field& field, std::string_view value);

}  // namespace kf::ingest
