// Row accessors: lenient conversions between the four Value kinds, so that callers can read
// a column the same way whichever driver produced it (PostgreSQL numeric arrives as double,
// SQLite may hold a number in a TEXT column).
#include <array>
#include <charconv>
#include <cmath>
#include <limits>

#include "db/database.h"

namespace kf::db {
namespace {

// Converts a double to int64 without undefined behaviour: truncates toward zero, saturates
// at the limits, NaN is 0.
std::int64_t saturating_int64(double d) {
  if (std::isnan(d)) return 0;
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  constexpr auto kMin = std::numeric_limits<std::int64_t>::min();
  // 2^63 is exactly representable; anything at or above it does not fit.
  if (d >= 9223372036854775808.0) return kMax;
  if (d < -9223372036854775808.0) return kMin;
  return static_cast<std::int64_t>(d);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Text that is not a number reads as 0, like SQLite's own CAST.
std::int64_t parse_int64(std::string_view s) {
  s = trim(s);
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc() && p == s.data() + s.size()) return v;
  double d = 0;
  auto [p2, ec2] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec2 == std::errc() && p2 == s.data() + s.size()) return saturating_int64(d);
  return 0;
}

double parse_double(std::string_view s) {
  s = trim(s);
  double d = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  return ec == std::errc() && p == s.data() + s.size() ? d : 0.0;
}

// Shortest text that reads back as the same double.
std::string format_double(double d) {
  std::array<char, 32> buf{};
  auto [p, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), d);
  return ec == std::errc() ? std::string(buf.data(), p) : std::string();
}

}  // namespace

std::int64_t Row::int64(std::size_t i) const {
  const Value& v = cells_.at(i);
  if (const auto* n = std::get_if<std::int64_t>(&v)) return *n;
  if (const auto* d = std::get_if<double>(&v)) return saturating_int64(*d);
  if (const auto* s = std::get_if<std::string>(&v)) return parse_int64(*s);
  return 0;
}

double Row::real(std::size_t i) const {
  const Value& v = cells_.at(i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* n = std::get_if<std::int64_t>(&v)) return static_cast<double>(*n);
  if (const auto* s = std::get_if<std::string>(&v)) return parse_double(*s);
  return 0.0;
}

std::string Row::text(std::size_t i) const {
  const Value& v = cells_.at(i);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
  if (const auto* d = std::get_if<double>(&v)) return format_double(*d);
  return {};
}

std::optional<std::string> Row::opt_text(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return text(i);
}

}  // namespace kf::db
