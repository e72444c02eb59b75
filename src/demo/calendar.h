// Dates and times as integers (days / seconds since 1970-01-01, proleptic Gregorian), parsed from
// and printed as "YYYY-MM-DD" and "YYYY-MM-DD HH:MM:SS".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kf::demo {

std::int64_t days_from_civil(int y, int m, int d);
void civil_from_days(std::int64_t days, int& y, int& m, int& d);

std::optional<std::int64_t> parse_date(std::string_view s);      // YYYY-MM-DD, a real date
std::optional<std::int64_t> parse_datetime(std::string_view s);  // YYYY-MM-DD HH:MM:SS
std::optional<std::int64_t> parse_clock(std::string_view s);     // HH:MM -> minutes

void append_date(std::int64_t days, std::string& out);
void append_datetime(std::int64_t seconds, std::string& out);
void append_padded(std::string& out, std::int64_t v, int width);  // zero-padded, v >= 0

}  // namespace kf::demo
