#include "demo/calendar.h"

#include <charconv>

namespace kf::demo {
namespace {

std::optional<int> digits(std::string_view s) {
  int v = 0;
  if (s.empty()) return std::nullopt;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

}  // namespace

// Howard Hinnant's algorithms (public domain).
std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<std::int64_t>(y - era * 400);
  const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void civil_from_days(std::int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
}

std::optional<std::int64_t> parse_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  const auto y = digits(s.substr(0, 4)), m = digits(s.substr(5, 2)), d = digits(s.substr(8, 2));
  if (!y || !m || !d || *m < 1 || *m > 12 || *d < 1 || *d > days_in_month(*y, *m)) {
    return std::nullopt;
  }
  return days_from_civil(*y, *m, *d);
}

std::optional<std::int64_t> parse_clock(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  const auto h = digits(s.substr(0, 2)), mi = digits(s.substr(3, 2));
  if (!h || !mi || *h > 23 || *mi > 59) return std::nullopt;
  return *h * 60 + *mi;
}

std::optional<std::int64_t> parse_datetime(std::string_view s) {
  if (s.size() != 19 || s[10] != ' ' || s[16] != ':') return std::nullopt;
  const auto day = parse_date(s.substr(0, 10));
  const auto hm = parse_clock(s.substr(11, 5));
  const auto sec = digits(s.substr(17, 2));
  if (!day || !hm || !sec || *sec > 59) return std::nullopt;
  return *day * 86400 + *hm * 60 + *sec;
}

void append_padded(std::string& out, std::int64_t v, int width) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  for (auto n = res.ptr - buf; n < width; ++n) out.push_back('0');
  out.append(buf, res.ptr);
}

void append_date(std::int64_t days, std::string& out) {
  int y = 0, m = 0, d = 0;
  civil_from_days(days, y, m, d);
  append_padded(out, y, 4);
  out.push_back('-');
  append_padded(out, m, 2);
  out.push_back('-');
  append_padded(out, d, 2);
}

void append_datetime(std::int64_t seconds, std::string& out) {
  const std::int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  const std::int64_t rest = seconds - days * 86400;
  append_date(days, out);
  out.push_back(' ');
  append_padded(out, rest / 3600, 2);
  out.push_back(':');
  append_padded(out, rest / 60 % 60, 2);
  out.push_back(':');
  append_padded(out, rest % 60, 2);
}

}  // namespace kf::demo
